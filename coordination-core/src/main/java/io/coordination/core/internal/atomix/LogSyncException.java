package io.coordination.core.internal.atomix;

/**
 * The Raft log could not be put on disk. The server stops acknowledging appends and counting itself towards commits:
 * after a failed {@code fsync} the operating system may have dropped the dirty pages, so a later successful sync
 * proves nothing. Restart the member (it recovers from what is on disk and catches up from the others).
 */
final class LogSyncException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	LogSyncException(String message, Throwable cause) {
		super(message, cause);
	}

}
