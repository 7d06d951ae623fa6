package io.coordination;

import java.util.Objects;

/**
 * Tells a holder it lost a lease.
 *
 * @param resource name of the lock, semaphore or election group
 * @param fencingToken token of the lost lease; the protected resource must now refuse it
 * @param reason why it was lost
 */
public record LeaseLostEvent(String resource, long fencingToken, LostReason reason) {

	/**
	 * Validates the components.
	 * @param resource name of the resource
	 * @param fencingToken token of the lost lease
	 * @param reason why it was lost
	 */
	public LeaseLostEvent {
		Objects.requireNonNull(resource, "resource");
		Objects.requireNonNull(reason, "reason");
	}

}
