package io.coordination.kv;

import io.coordination.CoordinationException;

/**
 * A conditional write found the key at another version. Nothing was written.
 */
public class VersionConflictException extends CoordinationException {

	private static final long serialVersionUID = 1L;

	private final String key;

	private final long expected;

	private final long actual;

	/**
	 * Creates the exception.
	 * @param key the key
	 * @param expected version the writer expected (0: absent)
	 * @param actual version found (0: absent)
	 */
	public VersionConflictException(String key, long expected, long actual) {
		super("Key '" + key + "' is at version " + actual + ", not " + expected
				+ ((expected == 0) ? " (expected absent)" : "") + ": nothing was written");
		this.key = key;
		this.expected = expected;
		this.actual = actual;
	}

	/**
	 * The key.
	 * @return the key
	 */
	public String key() {
		return this.key;
	}

	/**
	 * Version the writer expected.
	 * @return the expected version
	 */
	public long expected() {
		return this.expected;
	}

	/**
	 * Version found.
	 * @return the actual version
	 */
	public long actual() {
		return this.actual;
	}

}
