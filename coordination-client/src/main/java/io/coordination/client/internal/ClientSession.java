package io.coordination.client.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import io.coordination.CoordinationUnavailableException;
import io.coordination.LostReason;
import io.coordination.session.CoordinationSession;
import io.coordination.session.SessionListener;
import io.coordination.session.SessionState;

/**
 * This client's application session on the sidecar: renewed on a background thread at a third of its TTL, its
 * events followed as a stream. When it ends (not renewed in time, or destroyed) every lease of it is lost, its
 * holders are told, and a new session is opened; what re-registers itself (watches, candidacies) is told too.
 */
public final class ClientSession implements CoordinationSession, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ClientSession.class);

	private final Api api;

	private final String name;

	private final Duration ttl;

	private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();

	private final List<Runnable> renewedHandlers = new CopyOnWriteArrayList<>();

	private final Map<Long, List<HttpLease>> leases = new ConcurrentHashMap<>();

	private final Map<String, Consumer<JsonNode>> handlers = new ConcurrentHashMap<>();

	private final ScheduledExecutorService keeper;

	/** What {@link #repair} is still trying to make again, by session and description. */
	private final Map<String, String> repairing = new ConcurrentHashMap<>();

	private final java.util.concurrent.ExecutorService notifier;

	/** Makes things again in a new session ({@link #repair}), off the keeper and notifier threads: attempts block. */
	private final ScheduledExecutorService repairer;

	/** Tokens whose loss was heard before their grant was tracked (bounded). */
	private final Map<Long, LostReason> recentlyLost = new LinkedHashMap<>(16, 0.75f, false) {

		private static final long serialVersionUID = 1L;

		@Override
		protected boolean removeEldestEntry(Map.Entry<Long, LostReason> eldest) {
			return size() > 1_000;
		}

	};

	private volatile String id;

	private volatile long clusterSession;

	private volatile String memberId = "";

	private volatile long confirmedAt;

	private volatile SessionState state = SessionState.SUSPENDED;

	private volatile EventStream events;

	private volatile boolean closed;

	/**
	 * Opens a session.
	 * @param api the API
	 * @param name a name for operators
	 * @param ttl its TTL
	 */
	public ClientSession(Api api, String name, Duration ttl) {
		this.api = api;
		this.name = name;
		this.ttl = ttl;
		this.keeper = Executors.newSingleThreadScheduledExecutor((runnable) -> daemon(runnable, "coordination-session"));
		this.notifier = Executors.newSingleThreadExecutor((runnable) -> daemon(runnable, "coordination-notifier"));
		this.repairer = Executors.newSingleThreadScheduledExecutor((runnable) -> daemon(runnable, "coordination-repair"));
		try {
			open();
		}
		catch (RuntimeException ex) {
			this.keeper.shutdownNow();
			this.notifier.shutdownNow();
			this.repairer.shutdownNow();
			throw ex;
		}
		long period = Math.max(100, ttl.toMillis() / 3);
		this.keeper.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
	}

	private static Thread daemon(Runnable runnable, String name) {
		Thread thread = new Thread(runnable, name);
		thread.setDaemon(true);
		return thread;
	}

	private synchronized void open() {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("name", this.name);
		request.put("ttl", this.ttl.toMillis() + "ms");
		long sent = System.nanoTime();
		JsonNode session = this.api.call("POST", "/v1/sessions").json(request).idempotent(false).tree();
		accept(session, sent);
		String opened = this.id;
		this.events = new EventStream(this.api, "coordination-events", (after) -> "/v1/sessions/" + opened + "/events",
				0, this::dispatch, (problem) -> this.keeper.execute(() -> ended(opened, problem.detail())));
	}

	private void accept(JsonNode session, long sent) {
		this.id = session.path("id").asString();
		this.clusterSession = session.path("clusterSession").asLong();
		this.memberId = session.path("member").asString("");
		this.confirmedAt = sent;
		SessionState previous = this.state;
		this.state = SessionState.CONNECTED;
		if (previous != SessionState.CONNECTED) {
			notifyListeners(SessionState.CONNECTED);
		}
	}

	private void renew() {
		if (this.closed) {
			return;
		}
		String current = this.id;
		long sent = System.nanoTime();
		try {
			JsonNode session = this.api.call("PUT", "/v1/sessions/" + current + "/renew")
				.expect("SESSION_ENDED", "SESSION_NOT_FOUND")
				.tree();
			accept(session, sent);
		}
		catch (ProblemException ex) {
			ended(current, ex.problem().detail());
		}
		catch (CoordinationUnavailableException ex) {
			if (this.state == SessionState.CONNECTED) {
				this.state = SessionState.SUSPENDED;
				notifyListeners(SessionState.SUSPENDED);
			}
			logger.debug("Renewing session {} failed: {}", current, ex.getMessage());
		}
		catch (RuntimeException ex) {
			logger.warn("Renewing session {} failed: {}", current, ex.toString());
		}
	}

	/**
	 * The sidecar ended the session: every lease of it is lost; a new session is opened.
	 */
	private synchronized void ended(String endedId, String detail) {
		if (this.closed || !endedId.equals(this.id)) {
			return;
		}
		logger.warn("Session {} ended: {}", endedId, detail);
		this.events.close();
		this.state = SessionState.EXPIRED;
		notifyListeners(SessionState.EXPIRED);
		loseAll(LostReason.SESSION_EXPIRED);
		try {
			open();
			this.renewedHandlers.forEach(this.notifier::execute);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not open a new session yet: {}", ex.toString());
			this.state = SessionState.SUSPENDED;
		}
	}

	private void dispatch(String type, JsonNode data) {
		switch (type) {
			case "lease-lost" -> {
				long token = data.path("fencingToken").asLong();
				LostReason reason = LostReason.valueOf(data.path("reason").asString());
				List<HttpLease> lost;
				synchronized (this.recentlyLost) {
					lost = this.leases.remove(token);
					if (lost == null) {
						// lost before its grant was read (a short lease, a forced release): told when it is tracked
						this.recentlyLost.put(token, reason);
					}
				}
				if (lost != null) {
					lost.forEach((lease) -> lease.lost(reason));
				}
			}
			case "session-ended" -> {
				String ended = data.path("session").asString();
				this.keeper.execute(() -> ended(ended, data.path("detail").asString()));
			}
			default -> {
				Consumer<JsonNode> handler = this.handlers.get(type);
				if (handler != null) {
					handler.accept(data);
				}
			}
		}
	}

	/**
	 * Registers the handler of a type of session event.
	 * @param type the event type
	 * @param handler the handler, called on the event thread
	 */
	public void on(String type, Consumer<JsonNode> handler) {
		this.handlers.put(type, handler);
	}

	/**
	 * Registers an action run (on the notifier thread) whenever a new session replaces an ended one.
	 * @param handler the action
	 */
	public void onNewSession(Runnable handler) {
		this.renewedHandlers.add(handler);
	}

	/**
	 * Makes something again in the current session, and keeps trying until it succeeds, it is no longer wanted, or
	 * another session replaces this one. A candidacy or an ephemeral registration is refused while the session it was
	 * made in has not expired yet (after the sidecar restarted, say): it can only be made once that one is gone.
	 * @param what what is made, for logs
	 * @param wanted whether it is still wanted
	 * @param attempt makes it; throws if it could not
	 */
	public void repair(String what, java.util.function.BooleanSupplier wanted, Runnable attempt) {
		String session = this.id;
		// pending from now on: health must not say UP before the first attempt has run
		this.repairing.put(session + '\u0000' + what, what);
		schedule(() -> repair(what, wanted, attempt, session, 0), 0);
	}

	@Override
	public List<String> restoring() {
		return List.copyOf(this.repairing.values());
	}

	private void repair(String what, java.util.function.BooleanSupplier wanted, Runnable attempt, String session,
			long delayMillis) {
		String key = session + '\u0000' + what;
		if (this.closed || !java.util.Objects.equals(this.id, session) || !wanted.getAsBoolean()) {
			this.repairing.remove(key);
			return;
		}
		try {
			attempt.run();
			this.repairing.remove(key);
			if (delayMillis > 0) {
				logger.info("Could {} again", what);
			}
		}
		catch (RuntimeException ex) {
			long next = Math.min(5_000, Math.max(200, (long) (delayMillis * 1.5)));
			if (delayMillis == 0) {
				logger.warn("Could not {} yet ({}); trying again until it can", what, ex.getMessage());
			}
			else {
				logger.debug("Could not {} yet ({}); next attempt in {} ms", what, ex.getMessage(), next);
			}
			schedule(() -> repair(what, wanted, attempt, session, next), next);
		}
	}

	private void schedule(Runnable action, long delayMillis) {
		try {
			this.repairer.schedule(action, delayMillis, TimeUnit.MILLISECONDS);
		}
		catch (java.util.concurrent.RejectedExecutionException closing) {
			this.repairing.clear();
		}
	}

	/**
	 * Runs a callback of a user listener off the event thread.
	 * @param action the callback
	 */
	public void notify(Runnable action) {
		this.notifier.execute(() -> {
			try {
				action.run();
			}
			catch (RuntimeException ex) {
				logger.warn("A listener failed: {}", ex.toString());
			}
		});
	}

	void track(HttpLease lease) {
		LostReason lost;
		synchronized (this.recentlyLost) {
			lost = this.recentlyLost.remove(lease.fencingToken());
			if (lost == null && lease.appSession().equals(this.id)) {
				this.leases.computeIfAbsent(lease.fencingToken(), (token) -> new CopyOnWriteArrayList<>()).add(lease);
				return;
			}
		}
		// granted in a session that ended while the answer travelled, or lost already
		lease.lost((lost != null) ? lost : LostReason.SESSION_EXPIRED);
	}

	void untrack(HttpLease lease) {
		List<HttpLease> held = this.leases.get(lease.fencingToken());
		if (held != null) {
			held.remove(lease);
			if (held.isEmpty()) {
				this.leases.remove(lease.fencingToken(), held);
			}
		}
	}

	private void loseAll(LostReason reason) {
		List<HttpLease> lost = new ArrayList<>();
		this.leases.values().forEach(lost::addAll);
		this.leases.clear();
		lost.forEach((lease) -> lease.lost(reason));
	}

	/**
	 * The current application session id on the sidecar.
	 * @return the id
	 */
	public String appSessionId() {
		return this.id;
	}

	/**
	 * Whether the session was confirmed alive within its TTL (what makes leases safe to act on).
	 * @return whether it is live
	 */
	public boolean isLive() {
		return !this.closed && this.state != SessionState.EXPIRED
				&& System.nanoTime() - this.confirmedAt < this.ttl.toNanos();
	}

	@Override
	public long id() {
		return this.clusterSession;
	}

	@Override
	public String memberId() {
		return this.memberId;
	}

	@Override
	public SessionState state() {
		if (this.closed) {
			return SessionState.CLOSED;
		}
		if (this.state == SessionState.CONNECTED && !isLive()) {
			return SessionState.SUSPENDED;
		}
		return this.state;
	}

	@Override
	public Duration timeout() {
		return this.ttl;
	}

	@Override
	public void addListener(SessionListener listener) {
		this.listeners.add(listener);
	}

	@Override
	public void removeListener(SessionListener listener) {
		this.listeners.remove(listener);
	}

	private void notifyListeners(SessionState newState) {
		long session = this.clusterSession;
		for (SessionListener listener : this.listeners) {
			notify(() -> listener.stateChanged(session, newState));
		}
	}

	/**
	 * Destroys the session: the sidecar releases everything it held; its holders are told.
	 */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		loseAll(LostReason.NODE_CLOSED);
		this.closed = true;
		this.keeper.shutdownNow();
		this.repairer.shutdownNow();
		EventStream stream = this.events;
		if (stream != null) {
			stream.close();
		}
		try {
			this.api.call("DELETE", "/v1/sessions/" + this.id).expect("SESSION_ENDED", "SESSION_NOT_FOUND").execute();
		}
		catch (ProblemException ex) {
			// already ended
		}
		catch (RuntimeException ex) {
			logger.warn("Could not destroy session {}; it expires after its TTL: {}", this.id, ex.toString());
		}
		notifyListeners(SessionState.CLOSED);
		this.notifier.shutdown();
	}

}
