package io.coordination.kv;

import java.util.Objects;

/**
 * A change of one key.
 *
 * @param type put or delete
 * @param key the key
 * @param entry the key after a put; the key as it was before a delete
 * @param revision global revision of the change
 */
public record KeyValueEvent(Type type, String key, KeyValue entry, long revision) {

	/**
	 * Validates the components.
	 * @param type put or delete
	 * @param key the key
	 * @param entry the entry
	 * @param revision the revision
	 */
	public KeyValueEvent {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(key, "key");
	}

	/**
	 * Kinds of change.
	 */
	public enum Type {

		/** Created or updated. */
		PUT,

		/** Deleted (explicitly, by TTL, or because its session ended). */
		DELETE

	}

}
