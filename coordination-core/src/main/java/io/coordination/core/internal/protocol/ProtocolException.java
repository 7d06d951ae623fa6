package io.coordination.core.internal.protocol;

/**
 * Bytes that do not decode to a protocol value.
 */
public class ProtocolException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message what could not be decoded
	 * @param cause the decoding failure
	 */
	public ProtocolException(String message, Throwable cause) {
		super(message, cause);
	}

}
