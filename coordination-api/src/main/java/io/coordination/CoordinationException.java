package io.coordination;

/**
 * Base class of every exception the coordination API throws. Unchecked: callers decide where to handle it.
 */
public class CoordinationException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception with a message.
	 * @param message what went wrong, naming the resource or value involved
	 */
	public CoordinationException(String message) {
		super(message);
	}

	/**
	 * Creates an exception with a message and a cause.
	 * @param message what went wrong, naming the resource or value involved
	 * @param cause the underlying failure
	 */
	public CoordinationException(String message, Throwable cause) {
		super(message, cause);
	}

}
