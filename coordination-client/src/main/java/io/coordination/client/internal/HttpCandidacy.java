package io.coordination.client.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import io.coordination.CoordinationInterruptedException;
import io.coordination.election.Candidacy;
import io.coordination.election.Leadership;
import io.coordination.election.LeadershipListener;

/**
 * One candidacy of this client, joined on the sidecar under the client's session. It follows the {@code leadership}
 * events of that session; it leads when the latest one granted it leadership, and it is safe to act as leader only
 * while the session is known alive. When a new session replaces an ended one, a leadership held is revoked and the
 * candidacy joins again in the new session.
 */
public final class HttpCandidacy implements Candidacy {

	private static final Logger logger = LoggerFactory.getLogger(HttpCandidacy.class);

	private final ClientSession session;

	private final Api api;

	private final HttpLeaderElection.Registry registry;

	private final String group;

	private final String candidateId;

	private final Map<String, String> metadata;

	private final List<LeadershipListener> listeners = new CopyOnWriteArrayList<>();

	/** The application session it joined in, or {@code null} while it joins again. */
	private String appSession;

	/** Its leadership, or {@code null}. */
	private Leadership current;

	/** The greatest term heard of in the current session. */
	private long lastTerm;

	private boolean closed;

	HttpCandidacy(ClientSession session, Api api, HttpLeaderElection.Registry registry, String group,
			String candidateId, Map<String, String> metadata) {
		this.session = session;
		this.api = api;
		this.registry = registry;
		this.group = group;
		this.candidateId = candidateId;
		this.metadata = Map.copyOf(metadata);
	}

	@Override
	public String group() {
		return this.group;
	}

	@Override
	public String candidateId() {
		return this.candidateId;
	}

	private String base() {
		return "/v1/elections/" + Api.segment(this.group) + "/candidates";
	}

	/**
	 * Joins the group in the current session. The candidacy is bound to the session before the call, so that
	 * leadership events arriving before the answer are not lost.
	 */
	void join() {
		String joining = this.session.appSessionId();
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.appSession = joining;
			this.current = null;
			this.lastTerm = 0;
		}
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("candidateId", this.candidateId);
		request.put("metadata", this.metadata);
		JsonNode view;
		try {
			view = this.api.call("POST", base())
				.param("session", joining)
				.json(request)
				.idempotent(false)
				.expect("ALREADY_CANDIDATE")
				.tree();
		}
		catch (ProblemException ex) {
			throw new IllegalStateException(ex.problem().detail(), ex);
		}
		JsonNode leadership = view.path("leadership");
		if (leadership.isObject()) {
			changed(joining, true, this.api.convert(leadership, Leadership.class));
		}
	}

	/**
	 * A {@code leadership} event of the session.
	 * @param eventSession the session whose stream carried it
	 * @param granted granted, or revoked
	 * @param leadership the leadership
	 */
	void changed(String eventSession, boolean granted, Leadership leadership) {
		Leadership revoked = null;
		Leadership gained = null;
		synchronized (this) {
			if (this.closed || !eventSession.equals(this.appSession)) {
				return;
			}
			if (granted) {
				if (leadership.term() <= this.lastTerm) {
					return; // heard already, from the event or the answer to the join
				}
				this.lastTerm = leadership.term();
				revoked = this.current;
				this.current = leadership;
				gained = leadership;
			}
			else {
				this.lastTerm = Math.max(this.lastTerm, leadership.term());
				if (this.current != null && this.current.term() == leadership.term()) {
					revoked = this.current;
					this.current = null;
				}
			}
			notifyAll();
		}
		if (revoked != null) {
			fire(revoked, false, false);
		}
		if (gained != null) {
			fire(gained, true, false);
		}
	}

	/**
	 * The session ended: a leadership held is revoked (the sidecar released the candidacy with the session).
	 * @param direct call the listeners on this thread (the notifier is shutting down)
	 */
	void sessionLost(boolean direct) {
		Leadership revoked;
		synchronized (this) {
			revoked = this.current;
			this.current = null;
			notifyAll();
		}
		if (revoked != null) {
			fire(revoked, false, direct);
		}
	}

	/**
	 * A new session replaced an ended one: joins again in it.
	 */
	void rejoin() {
		sessionLost(false);
		this.session.repair("re-join election group '" + this.group + "' as '" + this.candidateId + "'",
				() -> !isClosed(), this::join);
	}

	private synchronized boolean isClosed() {
		return this.closed;
	}

	@Override
	public boolean isLeader() {
		String joined;
		synchronized (this) {
			if (this.closed || this.current == null) {
				return false;
			}
			joined = this.appSession;
		}
		return this.session.isLive() && joined != null && joined.equals(this.session.appSessionId());
	}

	@Override
	public synchronized Optional<Leadership> leadership() {
		return (!this.closed) ? Optional.ofNullable(this.current) : Optional.empty();
	}

	@Override
	public Optional<Leadership> awaitLeadership(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this) {
			while (!this.closed && this.current == null) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return Optional.empty();
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this, remaining);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new CoordinationInterruptedException(
							"Interrupted while waiting to lead election group '" + this.group + "'", ex);
				}
			}
			return leadership();
		}
	}

	@Override
	public void addListener(LeadershipListener listener) {
		this.listeners.add(listener);
		leadership().ifPresent((leadership) -> this.session.notify(() -> listener.granted(leadership)));
	}

	@Override
	public void close() {
		String joined;
		synchronized (this) {
			joined = this.appSession;
		}
		if (!closeLocally(false)) {
			return;
		}
		if (joined == null || !joined.equals(this.session.appSessionId())) {
			return; // its session ended: left with it
		}
		try {
			this.api.call("DELETE", base() + "/" + Api.segment(this.candidateId))
				.param("session", joined)
				.expect("NOT_CANDIDATE", "SESSION_ENDED", "SESSION_NOT_FOUND")
				.execute();
		}
		catch (ProblemException ex) {
			// gone already
		}
	}

	/**
	 * Stops being a candidate here, revoking a leadership held, without telling the sidecar.
	 * @param direct call the listeners on this thread (the notifier is shutting down)
	 * @return whether it was open
	 */
	boolean closeLocally(boolean direct) {
		Leadership revoked;
		synchronized (this) {
			if (this.closed) {
				return false;
			}
			this.closed = true;
			revoked = this.current;
			this.current = null;
			notifyAll();
		}
		this.registry.remove(this);
		if (revoked != null) {
			fire(revoked, false, direct);
		}
		return true;
	}

	private void fire(Leadership leadership, boolean granted, boolean direct) {
		for (LeadershipListener listener : this.listeners) {
			Runnable call = () -> {
				if (granted) {
					listener.granted(leadership);
				}
				else {
					listener.revoked(leadership);
				}
			};
			if (direct) {
				try {
					call.run();
				}
				catch (RuntimeException ex) {
					logger.warn("A leadership listener failed: {}", ex.toString());
				}
			}
			else {
				try {
					this.session.notify(call);
				}
				catch (RejectedExecutionException ex) {
					fire(leadership, granted, true); // the client is closing
					return;
				}
			}
		}
	}

	@Override
	public String toString() {
		return "candidate '" + this.candidateId + "' of election group '" + this.group + "' via the sidecar";
	}

}
