package io.coordination.client.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import io.coordination.InputRules;
import io.coordination.election.Candidacy;
import io.coordination.election.ElectionInfo;
import io.coordination.election.LeaderElection;
import io.coordination.election.Leadership;
import io.coordination.election.LeadershipListener;
import io.coordination.session.SessionState;

/**
 * A leader election group through the sidecar. Candidacies of one client share a {@link Registry} that receives the
 * session's {@code leadership} events and joins them again when a new session replaces an ended one; observers
 * follow the group's changes of leader as Server-Sent Events.
 */
public final class HttpLeaderElection implements LeaderElection {

	private static final Logger logger = LoggerFactory.getLogger(HttpLeaderElection.class);

	private static final Map<ClientSession, Registry> registries = new ConcurrentHashMap<>();

	private final ClientSession session;

	private final Api api;

	private final Registry registry;

	private final String group;

	private HttpLeaderElection(ClientSession session, Api api, String group) {
		this.session = session;
		this.api = api;
		this.group = InputRules.name("election group", group);
		this.registry = registries.computeIfAbsent(session, (key) -> new Registry(session, api));
	}

	/**
	 * A handle to an election group.
	 * @param session the client's session
	 * @param api the API
	 * @param group the group
	 * @return the handle
	 */
	public static HttpLeaderElection of(ClientSession session, Api api, String group) {
		return new HttpLeaderElection(session, api, group);
	}

	private String base() {
		return "/v1/elections/" + Api.segment(this.group);
	}

	@Override
	public String group() {
		return this.group;
	}

	@Override
	public Candidacy join() {
		return join(this.session.memberId(), Map.of());
	}

	@Override
	public Candidacy join(String candidateId, Map<String, String> metadata) {
		InputRules.name("candidate", candidateId);
		InputRules.metadata(metadata);
		return this.registry.join(this.group, candidateId, metadata);
	}

	@Override
	public Optional<Leadership> leader() {
		try {
			return Optional.of(this.api.call("GET", base() + "/leader").expect("NO_LEADER").as(Leadership.class));
		}
		catch (ProblemException ex) {
			return Optional.empty();
		}
	}

	@Override
	public Optional<Leadership> awaitLeader(Duration timeout) {
		HttpBarrier.timeout(timeout);
		try {
			return Optional.of(this.api.call("GET", base() + "/leader")
				.param("wait", timeout)
				.waiting(timeout)
				.expect("NO_LEADER")
				.as(Leadership.class));
		}
		catch (ProblemException ex) {
			return Optional.empty();
		}
	}

	@Override
	public ElectionInfo info() {
		return this.api.call("GET", base()).as(ElectionInfo.class);
	}

	@Override
	public AutoCloseable addListener(LeadershipListener listener) {
		Objects.requireNonNull(listener, "listener");
		Observer observer = new Observer(this.session, this.api, listener);
		EventStream stream = new EventStream(this.api, "coordination-election-watch", (after) -> base() + "/watch", 0,
				observer::event,
				(problem) -> logger.warn("Watching leadership of '{}' stopped: {}", this.group, problem.describe()));
		observer.stream = stream;
		try {
			stream.awaitOpen("election group '" + this.group + "'");
		}
		catch (RuntimeException ex) {
			stream.close();
			throw ex;
		}
		this.registry.observers.add(observer);
		return () -> {
			this.registry.observers.remove(observer);
			observer.close();
		};
	}

	@Override
	public String toString() {
		return "election group '" + this.group + "' via the sidecar";
	}

	/**
	 * One observer of a group: hears each change of leader once, in term order, from the time it started watching.
	 */
	private static final class Observer {

		private final ClientSession session;

		private final Api api;

		private final LeadershipListener listener;

		private volatile EventStream stream;

		private volatile boolean closed;

		/** The leadership last heard of, on the stream thread. */
		private Leadership last;

		private boolean started;

		Observer(ClientSession session, Api api, LeadershipListener listener) {
			this.session = session;
			this.api = api;
			this.listener = listener;
		}

		void event(String type, JsonNode data) {
			switch (type) {
				case "watching" -> {
					JsonNode leader = data.path("leader");
					Leadership now = leader.isObject() ? convert(leader) : null;
					if (!this.started) {
						// the current leader is not a change: heard from the next change on, as with an embedded client
						this.started = true;
						this.last = now;
					}
					else if ((now == null) ? this.last != null : (this.last == null || now.term() > this.last.term())) {
						// resumed after changes it missed
						changed(now);
					}
				}
				case "granted" -> {
					Leadership granted = convert(data);
					if (this.last == null || granted.term() > this.last.term()) {
						changed(granted);
					}
				}
				case "revoked" -> {
					Leadership revoked = convert(data);
					if (this.last != null && this.last.term() == revoked.term()) {
						changed(null);
					}
				}
				default -> {
				}
			}
		}

		private Leadership convert(JsonNode node) {
			return this.api.convert(node, Leadership.class);
		}

		private void changed(Leadership leadership) {
			Leadership previous = this.last;
			this.last = leadership;
			if (this.closed) {
				return;
			}
			try {
				this.session.notify(() -> {
					if (previous != null) {
						this.listener.revoked(previous);
					}
					if (leadership != null) {
						this.listener.granted(leadership);
					}
				});
			}
			catch (RejectedExecutionException ex) {
				// the client is closing
			}
		}

		void close() {
			this.closed = true;
			EventStream watched = this.stream;
			if (watched != null) {
				watched.close();
			}
		}

	}

	/**
	 * The candidacies and observers of one client, for its whole life: receives the session's {@code leadership}
	 * events (a session has one handler per event type) and re-joins the candidacies in each new session.
	 */
	static final class Registry {

		private final ClientSession session;

		private final Api api;

		private final Map<String, HttpCandidacy> candidacies = new ConcurrentHashMap<>();

		final Set<Observer> observers = ConcurrentHashMap.newKeySet();

		Registry(ClientSession session, Api api) {
			this.session = session;
			this.api = api;
			session.on("leadership", this::leadership);
			session.onNewSession(this::sessionReplaced);
			session.addListener((clusterSession, state) -> {
				if (state == SessionState.EXPIRED) {
					this.candidacies.values().forEach((candidacy) -> candidacy.sessionLost(false));
				}
				else if (state == SessionState.CLOSED) {
					closeAll();
				}
			});
		}

		private static String key(String group, String candidateId) {
			return group + '\u0000' + candidateId;
		}

		HttpCandidacy join(String group, String candidateId, Map<String, String> metadata) {
			HttpCandidacy candidacy = new HttpCandidacy(this.session, this.api, this, group, candidateId, metadata);
			if (this.candidacies.putIfAbsent(key(group, candidateId), candidacy) != null) {
				throw new IllegalStateException(
						"Candidate '" + candidateId + "' already joined election group '" + group + "' from this client");
			}
			try {
				candidacy.join();
			}
			catch (RuntimeException ex) {
				this.candidacies.remove(key(group, candidateId), candidacy);
				throw ex;
			}
			return candidacy;
		}

		void remove(HttpCandidacy candidacy) {
			this.candidacies.remove(key(candidacy.group(), candidacy.candidateId()), candidacy);
		}

		private void leadership(JsonNode data) {
			HttpCandidacy candidacy = this.candidacies
				.get(key(data.path("group").asString(), data.path("candidateId").asString()));
			if (candidacy != null) {
				candidacy.changed(data.path("session").asString(), "granted".equals(data.path("change").asString()),
						this.api.convert(data.path("leadership"), Leadership.class));
			}
		}

		private void sessionReplaced() {
			for (HttpCandidacy candidacy : List.copyOf(this.candidacies.values())) {
				candidacy.rejoin();
			}
		}

		private void closeAll() {
			registries.remove(this.session, this);
			for (HttpCandidacy candidacy : List.copyOf(this.candidacies.values())) {
				candidacy.closeLocally(true);
			}
			this.observers.forEach(Observer::close);
			this.observers.clear();
		}

	}

}
