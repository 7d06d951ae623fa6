package io.coordination.semaphore;

import io.coordination.CoordinationException;

/**
 * The semaphore exists on the cluster with a different total permit count than the caller expects.
 */
public class PermitCountMismatchException extends CoordinationException {

	private static final long serialVersionUID = 1L;

	private final String semaphore;

	private final int expected;

	private final int actual;

	/**
	 * Creates the exception.
	 * @param semaphore semaphore name
	 * @param expected count the caller asked for
	 * @param actual count stored on the cluster
	 */
	public PermitCountMismatchException(String semaphore, int expected, int actual) {
		super("Semaphore '" + semaphore + "' has " + actual + " permits on the cluster, not " + expected);
		this.semaphore = semaphore;
		this.expected = expected;
		this.actual = actual;
	}

	/**
	 * The semaphore.
	 * @return its name
	 */
	public String semaphore() {
		return this.semaphore;
	}

	/**
	 * Count the caller asked for.
	 * @return the expected count
	 */
	public int expected() {
		return this.expected;
	}

	/**
	 * Count stored on the cluster.
	 * @return the actual count
	 */
	public int actual() {
		return this.actual;
	}

}
