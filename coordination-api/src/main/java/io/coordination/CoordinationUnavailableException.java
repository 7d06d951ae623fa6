package io.coordination;

/**
 * The cluster could not answer in time: no quorum, no reachable member, or the operation timed out. Distinct from
 * "held by another": an operation that fails with this exception did not observe the resource's state, and nothing
 * was granted to the caller.
 */
public class CoordinationUnavailableException extends CoordinationException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message what could not be done
	 */
	public CoordinationUnavailableException(String message) {
		super(message);
	}

	/**
	 * Creates the exception with its cause.
	 * @param message what could not be done
	 * @param cause the underlying failure
	 */
	public CoordinationUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
