package io.coordination.barrier;

import io.coordination.CoordinationException;

/**
 * The barrier is in use on the cluster with a different party count than the caller expects.
 */
public class BarrierPartiesMismatchException extends CoordinationException {

	private static final long serialVersionUID = 1L;

	private final String barrier;

	private final int expected;

	private final int actual;

	/**
	 * Creates the exception.
	 * @param barrier barrier name
	 * @param expected count the caller asked for
	 * @param actual count in use on the cluster
	 */
	public BarrierPartiesMismatchException(String barrier, int expected, int actual) {
		super("Barrier '" + barrier + "' is in use with " + actual + " parties, not " + expected);
		this.barrier = barrier;
		this.expected = expected;
		this.actual = actual;
	}

	/**
	 * The barrier.
	 * @return its name
	 */
	public String barrier() {
		return this.barrier;
	}

	/**
	 * The party count the caller asked for.
	 * @return the count
	 */
	public int expected() {
		return this.expected;
	}

	/**
	 * The party count in use on the cluster.
	 * @return the count
	 */
	public int actual() {
		return this.actual;
	}

}
