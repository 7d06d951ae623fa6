package io.coordination.lock;

import io.coordination.Lease;

/**
 * A held lock (exclusive, read or write). Close it to release.
 */
public interface LockLease extends Lease {

	/**
	 * How the lock is held.
	 * @return the mode
	 */
	LockMode mode();

	/**
	 * Throws unless {@link #isValid()}.
	 * @throws LockOwnershipLostException if the lock was released, lost, or its session cannot reach the cluster
	 */
	@Override
	void checkValid();

}
