package io.coordination.lock;

import io.coordination.CoordinationException;

/**
 * Waiting for the lock would deadlock: the caller's wait closed a cycle in the wait-for graph. The wait was
 * withdrawn; the caller still holds whatever it held before and should release it and retry.
 */
public class DeadlockDetectedException extends CoordinationException {

	private static final long serialVersionUID = 1L;

	private final transient DeadlockReport report;

	/**
	 * Creates the exception.
	 * @param report the cycle
	 */
	public DeadlockDetectedException(DeadlockReport report) {
		super("Deadlock detected: " + report.describe());
		this.report = report;
	}

	/**
	 * The cycle that was detected.
	 * @return the report
	 */
	public DeadlockReport report() {
		return this.report;
	}

}
