package io.coordination.lock;

/**
 * How a lock is held or waited for.
 */
public enum LockMode {

	/**
	 * An exclusive lock.
	 */
	EXCLUSIVE,

	/**
	 * The shared side of a read-write lock.
	 */
	READ,

	/**
	 * The exclusive side of a read-write lock.
	 */
	WRITE

}
