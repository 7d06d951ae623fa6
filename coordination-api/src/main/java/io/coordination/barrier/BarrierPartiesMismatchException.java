package io.coordination.barrier;

import io.coordination.CoordinationException;

/**
 * The barrier is in use on the cluster with a different party count than the caller expects.
 */
public class BarrierPartiesMismatchException extends CoordinationException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param barrier barrier name
	 * @param expected count the caller asked for
	 * @param actual count in use on the cluster
	 */
	public BarrierPartiesMismatchException(String barrier, int expected, int actual) {
		super("Barrier '" + barrier + "' is in use with " + actual + " parties, not " + expected);
	}

}
