package io.coordination.kv;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One key with its value and revisions.
 *
 * @param key the key, for example {@code /app/feature/enabled}
 * @param value the value bytes
 * @param createRevision global revision of the write that created the key
 * @param modRevision global revision of the last write of the key
 * @param version number of writes since the key was created (1 after creation)
 * @param expiresAt when a TTL key expires (log time), or {@code null}
 * @param ownerSession session the key is bound to (deleted when it ends), or 0
 */
public record KeyValue(String key, byte[] value, long createRevision, long modRevision, long version,
		Instant expiresAt, long ownerSession) {

	/**
	 * Validates the components.
	 * @param key the key
	 * @param value the value
	 * @param createRevision creation revision
	 * @param modRevision last modification revision
	 * @param version version
	 * @param expiresAt expiry or {@code null}
	 * @param ownerSession owning session or 0
	 */
	public KeyValue {
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(value, "value");
	}

	/**
	 * The value as UTF-8 text.
	 * @return the text
	 */
	public String valueAsString() {
		return new String(this.value, StandardCharsets.UTF_8);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof KeyValue kv && this.key.equals(kv.key) && Arrays.equals(this.value, kv.value)
				&& this.createRevision == kv.createRevision && this.modRevision == kv.modRevision
				&& this.version == kv.version && Objects.equals(this.expiresAt, kv.expiresAt)
				&& this.ownerSession == kv.ownerSession;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.key, Arrays.hashCode(this.value), this.modRevision);
	}

	@Override
	public String toString() {
		return "KeyValue[" + this.key + "=" + valueAsString() + ", version=" + this.version + ", modRevision="
				+ this.modRevision + "]";
	}

}
