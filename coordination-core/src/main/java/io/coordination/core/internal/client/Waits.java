package io.coordination.core.internal.client;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.coordination.core.internal.protocol.Result;

/**
 * Requests that wait on the cluster (queued acquisitions, barrier waits), by request id. Request ids are unique for
 * the life of the client, across sessions.
 */
final class Waits {

	private final Map<Long, Wait> waits = new ConcurrentHashMap<>();

	/** Sessions that expired; few over the life of a client. */
	private final Set<Long> lostSessions = ConcurrentHashMap.newKeySet();

	Wait register(long requestId) {
		Wait wait = new Wait();
		this.waits.put(requestId, wait);
		return wait;
	}

	void remove(long requestId) {
		this.waits.remove(requestId);
	}

	/**
	 * A waiting request completed.
	 * @param requestId the request
	 * @param result how it completed
	 * @return whether anyone was waiting for it
	 */
	boolean complete(long requestId, Result result) {
		Wait wait = this.waits.get(requestId);
		if (wait == null) {
			return false;
		}
		wait.completion.complete(result);
		return true;
	}

	/**
	 * A session expired: requests waiting in it will never complete.
	 * @param sessionId the expired session
	 */
	void sessionLost(long sessionId) {
		this.lostSessions.add(sessionId);
		for (Wait wait : this.waits.values()) {
			if (wait.sessionId == sessionId) {
				wait.completion.completeExceptionally(new Calls.SessionLostException(
						"The session expired while waiting; the cluster dropped the request", null));
			}
		}
	}

	/**
	 * One waiting request.
	 */
	static final class Wait {

		final CompletableFuture<Result> completion = new CompletableFuture<>();

		volatile long sessionId;

		/**
		 * Records the session the request waits in. If that session has already expired, the wait fails at once.
		 * @param session the session
		 * @param waits the registry
		 */
		void bind(long session, Waits waits) {
			this.sessionId = session;
			if (waits.lostSessions.contains(session)) {
				this.completion.completeExceptionally(new Calls.SessionLostException(
						"The session expired while waiting; the cluster dropped the request", null));
			}
		}

	}

}
