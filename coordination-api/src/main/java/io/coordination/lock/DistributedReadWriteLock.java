package io.coordination.lock;

/**
 * A cluster-wide read-write lock: many readers or one writer. Writers are preferred: once a writer waits, new readers
 * wait behind it. Both sides hand out fenced leases; a write grant's token is greater than every earlier read or
 * write token of the lock.
 * <p>
 * Reentrancy: a thread holding the write lock may take the read lock too; a thread holding only the read lock cannot
 * take the write lock (upgrading would deadlock with another reader doing the same) and gets an
 * {@link IllegalStateException}.
 */
public interface DistributedReadWriteLock {

	/**
	 * Name of the lock.
	 * @return the name
	 */
	String name();

	/**
	 * The shared side.
	 * @return a lock handle acquiring read holds
	 */
	DistributedLock readLock();

	/**
	 * The exclusive side.
	 * @return a lock handle acquiring the write hold
	 */
	DistributedLock writeLock();

	/**
	 * Holders and waiters of both sides now.
	 * @return the lock's state
	 */
	LockInfo info();

}
