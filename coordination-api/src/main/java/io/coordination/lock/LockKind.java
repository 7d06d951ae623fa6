package io.coordination.lock;

/**
 * The two lock namespaces.
 */
public enum LockKind {

	/**
	 * Exclusive locks from {@link io.coordination.Coordination#lock(String)}.
	 */
	EXCLUSIVE,

	/**
	 * Read-write locks from {@link io.coordination.Coordination#readWriteLock(String)}.
	 */
	READ_WRITE

}
