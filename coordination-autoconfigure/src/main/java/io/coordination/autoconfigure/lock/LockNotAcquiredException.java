package io.coordination.autoconfigure.lock;

import java.time.Duration;

import io.coordination.CoordinationException;

/**
 * A {@code @DistributedLock} method did not run: its lock was held by another owner for longer than it could wait.
 */
public class LockNotAcquiredException extends CoordinationException {

	private static final long serialVersionUID = 1L;

	private final String lock;

	/**
	 * Creates the exception.
	 * @param lock the lock name
	 * @param waitTime how long the method waited
	 * @param attempts how many times it tried
	 */
	public LockNotAcquiredException(String lock, Duration waitTime, int attempts) {
		super("Lock '" + lock + "' was not acquired within " + waitTime.toMillis() + " ms"
				+ ((attempts > 1) ? " in " + attempts + " attempts" : "") + ": another owner holds it");
		this.lock = lock;
	}

	/**
	 * The lock name.
	 * @return the name
	 */
	public String lock() {
		return this.lock;
	}

}
