package io.coordination.kv;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An operation of a {@link Txn}.
 */
public sealed interface Op {

	/**
	 * Writes a key.
	 * @param key the key
	 * @param value the value
	 * @return the operation
	 */
	static Op put(String key, String value) {
		return new Put(key, value.getBytes(StandardCharsets.UTF_8), PutOptions.DEFAULT);
	}

	/**
	 * Writes a key.
	 * @param key the key
	 * @param value the value
	 * @param options TTL or session binding (a version condition is not allowed here: use a {@link Compare})
	 * @return the operation
	 */
	static Op put(String key, byte[] value, PutOptions options) {
		return new Put(key, value, options);
	}

	/**
	 * Deletes a key.
	 * @param key the key
	 * @return the operation
	 */
	static Op delete(String key) {
		return new Delete(key, false);
	}

	/**
	 * Deletes every key with a prefix.
	 * @param prefix the prefix
	 * @return the operation
	 */
	static Op deletePrefix(String prefix) {
		return new Delete(prefix, true);
	}

	/**
	 * Reads a key, or every key with a prefix.
	 * @param key the key or prefix
	 * @param prefix whether it is a prefix
	 * @return the operation
	 */
	static Op get(String key, boolean prefix) {
		return new Get(key, prefix);
	}

	/**
	 * Writes a key.
	 *
	 * @param key the key
	 * @param value the value
	 * @param options TTL or session binding
	 */
	record Put(String key, byte[] value, PutOptions options) implements Op {

		/**
		 * Validates the components.
		 * @param key the key
		 * @param value the value
		 * @param options the options
		 */
		public Put {
			Objects.requireNonNull(key, "key");
			Objects.requireNonNull(value, "value");
			Objects.requireNonNull(options, "options");
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Put p && this.key.equals(p.key) && Arrays.equals(this.value, p.value)
					&& this.options.equals(p.options);
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.key, Arrays.hashCode(this.value), this.options);
		}

	}

	/**
	 * Deletes a key or a prefix.
	 *
	 * @param key the key or prefix
	 * @param prefix whether it is a prefix
	 */
	record Delete(String key, boolean prefix) implements Op {
	}

	/**
	 * Reads a key or a prefix.
	 *
	 * @param key the key or prefix
	 * @param prefix whether it is a prefix
	 */
	record Get(String key, boolean prefix) implements Op {
	}

}
