package io.coordination.lock;

import io.coordination.LostReason;
import io.coordination.OwnershipLostException;

/**
 * The caller no longer holds the lock it acquired. Work guarded by it must stop; its fencing token is stale.
 */
public class LockOwnershipLostException extends OwnershipLostException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param lock lock name
	 * @param fencingToken token of the lost lease
	 * @param reason why it was lost, or {@code null} while the session is suspended
	 */
	public LockOwnershipLostException(String lock, long fencingToken, LostReason reason) {
		super(lock, fencingToken, reason);
	}

}
