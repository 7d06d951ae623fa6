package io.coordination.core.internal.client;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.atomix.cluster.messaging.MessagingException;
import io.atomix.primitive.PrimitiveException;
import io.atomix.protocols.raft.RaftException;

import io.coordination.CoordinationException;
import io.coordination.CoordinationInterruptedException;
import io.coordination.CoordinationUnavailableException;

/**
 * Waits for cluster calls with a bound, and turns what Atomix throws into the API's exceptions.
 */
final class Calls {

	private Calls() {
	}

	/**
	 * Waits for a call.
	 * @param <T> result type
	 * @param future the call
	 * @param timeout longest wait
	 * @param what what the call does, for messages
	 * @return the result
	 * @throws CoordinationUnavailableException if the cluster did not answer in time or cannot be reached
	 * @throws SessionLostException if the session the call was made in expired
	 */
	static <T> T await(CompletableFuture<T> future, Duration timeout, String what) {
		try {
			return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CoordinationInterruptedException("Interrupted while waiting to " + what, ex);
		}
		catch (TimeoutException ex) {
			throw new CoordinationUnavailableException(
					"The cluster did not answer within " + timeout.toMillis() + " ms while trying to " + what, ex);
		}
		catch (ExecutionException ex) {
			throw translate(ex.getCause(), what);
		}
	}

	static RuntimeException translate(Throwable error, String what) {
		Throwable cause = unwrap(error);
		if (cause instanceof CoordinationException coordination) {
			return coordination;
		}
		if (cause instanceof SessionLostException lost) {
			return lost;
		}
		if (cause instanceof PrimitiveException.UnknownSession || cause instanceof PrimitiveException.UnknownClient
				|| cause instanceof PrimitiveException.ClosedSession || cause instanceof RaftException.UnknownSession
				|| cause instanceof RaftException.UnknownClient || cause instanceof RaftException.ClosedSession) {
			return new SessionLostException("The session expired while trying to " + what, cause);
		}
		if (cause instanceof PrimitiveException.ServiceException || cause instanceof RaftException.ApplicationException) {
			return new CoordinationException("The cluster refused to " + what + ": " + describe(cause), cause);
		}
		// NoRemoteHandler: the member asked is still starting (or stopping) its services
		if (cause instanceof PrimitiveException || cause instanceof RaftException || cause instanceof ConnectException
				|| cause instanceof TimeoutException || cause instanceof MessagingException.NoRemoteHandler) {
			return new CoordinationUnavailableException("Cannot reach the cluster to " + what + ": " + describe(cause),
					cause);
		}
		if (cause instanceof IllegalStateException) {
			return new CoordinationException("Cannot " + what + ": " + describe(cause), cause);
		}
		return new CoordinationException("Failed to " + what + ": " + describe(cause), cause);
	}

	/**
	 * What went wrong, for people: the failure's own message, never the name of an internal class (those are in the
	 * exception's cause, for logs).
	 */
	static String describe(Throwable cause) {
		String message = cause.getMessage();
		if (message != null && !message.isBlank() && !message.contains("io.atomix.") && !message.contains("java.")
				&& !message.contains("io.netty.")) {
			return message;
		}
		if (cause instanceof TimeoutException || cause instanceof PrimitiveException.Timeout) {
			return "no answer in time";
		}
		if (cause instanceof ConnectException || cause instanceof MessagingException.NoRemoteHandler) {
			return "no member reachable";
		}
		if (cause instanceof PrimitiveException || cause instanceof RaftException) {
			return "no leader or no quorum";
		}
		return "an unexpected failure";
	}

	private static Throwable unwrap(Throwable error) {
		Throwable cause = error;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	/**
	 * The session a call or a wait belonged to expired: the call's effect, if any, was undone by the expiry.
	 */
	static final class SessionLostException extends CoordinationUnavailableException {

		private static final long serialVersionUID = 1L;

		SessionLostException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
