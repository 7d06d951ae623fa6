package io.coordination.kv;

import java.time.Duration;

/**
 * How a key is written.
 *
 * @param expectedVersion {@link #ANY_VERSION} for an unconditional write, 0 to create only, n to update only version n
 * @param ttl time to live on the cluster's log time (the key is deleted after it unless refreshed), or {@code null}
 * @param ephemeral whether the key is bound to the writer's session and deleted when it ends
 */
public record PutOptions(long expectedVersion, Duration ttl, boolean ephemeral) {

	/** Marks an unconditional write. */
	public static final long ANY_VERSION = -1;

	/** An unconditional, permanent write. */
	public static final PutOptions DEFAULT = new PutOptions(ANY_VERSION, null, false);

	/**
	 * Validates the components.
	 * @param expectedVersion expected version
	 * @param ttl time to live or {@code null}
	 * @param ephemeral session-bound
	 */
	public PutOptions {
		if (expectedVersion < ANY_VERSION) {
			throw new IllegalArgumentException("expectedVersion must be -1 (any), 0 (absent) or a version: "
					+ expectedVersion);
		}
		if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
			throw new IllegalArgumentException("ttl must be positive: " + ttl);
		}
	}

	/**
	 * Only if the key is at this version (0: only if absent).
	 * @param version the version
	 * @return the options
	 */
	public static PutOptions ifVersion(long version) {
		return new PutOptions(version, null, false);
	}

	/**
	 * Expires after a time to live.
	 * @param ttl the time to live
	 * @return the options
	 */
	public static PutOptions withTtl(Duration ttl) {
		return new PutOptions(ANY_VERSION, ttl, false);
	}

	/**
	 * Deleted when the writer's session ends.
	 * @return the options
	 */
	public static PutOptions ephemeralKey() {
		return new PutOptions(ANY_VERSION, null, true);
	}

	/**
	 * These options with a version condition.
	 * @param version the version
	 * @return the options
	 */
	public PutOptions andIfVersion(long version) {
		return new PutOptions(version, this.ttl, this.ephemeral);
	}

}
