package io.coordination;

/**
 * The calling thread was interrupted while it waited. The wait was withdrawn (nothing stays granted to the caller)
 * and the thread's interrupt flag is set again.
 */
public class CoordinationInterruptedException extends CoordinationException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message what was being waited for
	 * @param cause the interruption
	 */
	public CoordinationInterruptedException(String message, InterruptedException cause) {
		super(message, cause);
	}

}
