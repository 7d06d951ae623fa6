package io.coordination.kv;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A condition of a {@link Txn}: compares one property of a key with a value. An absent key has version, revisions
 * and value of 0 / empty.
 *
 * @param key the key
 * @param target what is compared
 * @param operator how
 * @param number the number compared with (versions, revisions)
 * @param value the bytes compared with ({@link Target#VALUE})
 */
public record Compare(String key, Target target, Operator operator, long number, byte[] value) {

	/**
	 * Validates the components.
	 * @param key the key
	 * @param target the target
	 * @param operator the operator
	 * @param number the number
	 * @param value the value
	 */
	public Compare {
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(target, "target");
		Objects.requireNonNull(operator, "operator");
		value = (value != null) ? value : new byte[0];
	}

	/**
	 * The key exists.
	 * @param key the key
	 * @return the condition
	 */
	public static Compare exists(String key) {
		return new Compare(key, Target.VERSION, Operator.GREATER, 0, null);
	}

	/**
	 * The key is absent.
	 * @param key the key
	 * @return the condition
	 */
	public static Compare absent(String key) {
		return version(key, 0);
	}

	/**
	 * The key is at a version.
	 * @param key the key
	 * @param version the version
	 * @return the condition
	 */
	public static Compare version(String key, long version) {
		return new Compare(key, Target.VERSION, Operator.EQUAL, version, null);
	}

	/**
	 * The key holds a value.
	 * @param key the key
	 * @param value the value
	 * @return the condition
	 */
	public static Compare value(String key, String value) {
		return new Compare(key, Target.VALUE, Operator.EQUAL, 0, value.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The key was last modified at a revision.
	 * @param key the key
	 * @param revision the revision
	 * @return the condition
	 */
	public static Compare modRevision(String key, long revision) {
		return new Compare(key, Target.MOD_REVISION, Operator.EQUAL, revision, null);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Compare c && this.key.equals(c.key) && this.target == c.target
				&& this.operator == c.operator && this.number == c.number && Arrays.equals(this.value, c.value);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.key, this.target, this.operator, this.number, Arrays.hashCode(this.value));
	}

	/**
	 * Compared properties.
	 */
	public enum Target {

		/** Writes since creation; 0 if absent. */
		VERSION,

		/** The value bytes. */
		VALUE,

		/** Revision of the last write. */
		MOD_REVISION,

		/** Revision of the creation. */
		CREATE_REVISION

	}

	/**
	 * Comparison operators.
	 */
	public enum Operator {

		/** Equal. */
		EQUAL,

		/** Not equal. */
		NOT_EQUAL,

		/** Less than (numbers only). */
		LESS,

		/** Greater than (numbers only). */
		GREATER

	}

}
