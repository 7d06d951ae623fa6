package io.coordination.autoconfigure.diagnostics;

/**
 * The application asks for an embedded node ({@code coordination.mode=embedded}, the default) but
 * {@code coordination-core}, which runs it, is not on the class path (a sidecar-mode application may exclude it).
 */
public class MissingCoordinationCoreException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 */
	public MissingCoordinationCoreException() {
		super("coordination.mode is embedded (the default), but io.coordination:coordination-core, which runs the "
				+ "node, is not on the class path");
	}

}
