package io.coordination.sidecar.session;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.coordination.LostReason;
import io.coordination.core.CoordinationNode;
import io.coordination.discovery.HealthStatus;
import io.coordination.sidecar.SidecarProperties;
import io.coordination.sidecar.security.SessionOwners;
import io.coordination.sidecar.web.ApiException;
import io.coordination.sidecar.web.EventLog;
import io.coordination.sidecar.web.SseStreams;
import io.coordination.sidecar.web.Validation;

/**
 * The application sessions this sidecar serves: created with a TTL, renewed by their application, ended when not
 * renewed in time, when destroyed, or when a health check they are tied to turns critical.
 */
@Component
public class AppSessions implements SmartLifecycle, SessionOwners {

	private static final Log logger = LogFactory.getLog(AppSessions.class);

	private final CoordinationNode node;

	private final SidecarProperties properties;

	private final SseStreams streams;

	private final Map<String, AppSession> sessions = new ConcurrentHashMap<>();

	/** Ended session ids and when they may be forgotten (nanoTime). */
	private final Map<String, Ended> ended = new ConcurrentHashMap<>();

	private ScheduledExecutorService sweeper;

	private volatile Function<String, Optional<HealthStatus>> checks = (id) -> Optional.empty();

	private volatile boolean running;

	private record Ended(LostReason reason, String detail, long forgetAt, EventLog events, String creator) {
	}

	/**
	 * Creates the registry.
	 * @param node the node whose clients back the sessions
	 * @param properties TTL limits
	 * @param streams the event streams sessions' events are sent on
	 */
	public AppSessions(CoordinationNode node, SidecarProperties properties, SseStreams streams) {
		this.node = node;
		this.properties = properties;
		this.streams = streams;
	}

	/**
	 * Creates a session.
	 * @param creator the name of the bearer token creating it, which owns it, or {@code null} if security is off
	 * @param name a name for operators, or {@code null}
	 * @param ttl its TTL, or {@code null} for the default
	 * @param checks ids of health checks it is tied to
	 * @return the session
	 */
	public AppSession create(String creator, String name, Duration ttl, Set<String> checks) {
		Duration effective = (ttl != null) ? ttl : this.properties.getDefaultSessionTtl();
		if (effective.compareTo(Duration.ofSeconds(1)) < 0 || effective.compareTo(this.properties.getMaxSessionTtl()) > 0) {
			throw ApiException.invalid("ttl", "must be between 1s and " + this.properties.getMaxSessionTtl() + ": " + effective);
		}
		if (name != null) {
			Validation.name("name", name);
		}
		for (String check : checks) {
			HealthStatus status = this.checks.apply(check)
				.orElseThrow(() -> ApiException.invalid("checks", "no check '" + check + "' (register it first)"));
			if (status == HealthStatus.CRITICAL) {
				throw new ApiException(HttpStatus.CONFLICT, "CHECK_CRITICAL", "checks",
						"check '" + check + "' is critical: a session cannot be tied to it");
			}
		}
		AppSession session = new AppSession(UUID.randomUUID().toString(), name, creator, effective, checks,
				this.node.openCoordination(this.properties.getSessionOpenTimeout()), this.streams);
		this.sessions.put(session.id(), session);
		logger.debug("Session " + session.id() + " (" + name + ") created with TTL " + effective);
		for (String check : checks) {
			// a check that turned critical while the session was opened would never end it otherwise
			if (this.checks.apply(check).filter((status) -> status == HealthStatus.CRITICAL).isPresent()) {
				end(session, LostReason.SESSION_EXPIRED, "health check '" + check + "' is critical");
				throw new ApiException(HttpStatus.CONFLICT, "CHECK_CRITICAL", "checks",
						"check '" + check + "' is critical: a session cannot be tied to it");
			}
		}
		return session;
	}

	/**
	 * How sessions learn the status of the checks they are tied to.
	 * @param lookup the status of a check by id
	 */
	public void checkLookup(Function<String, Optional<HealthStatus>> lookup) {
		this.checks = lookup;
	}

	/**
	 * A live session.
	 * @param id its id
	 * @return the session
	 * @throws ApiException 404 if unknown, 410 if it ended
	 */
	public AppSession get(String id) {
		if (id == null || id.isBlank()) {
			throw ApiException.invalid("session", "a session id is required (create one with POST /v1/sessions)");
		}
		AppSession session = this.sessions.get(id);
		if (session != null && !session.ended()) {
			return session;
		}
		Ended gone = this.ended.get(id);
		if (gone != null) {
			throw new ApiException(HttpStatus.GONE, "SESSION_ENDED", "session",
					"Session " + id + " ended: " + gone.detail()).with("reason", gone.reason());
		}
		if (session != null) {
			throw endedProblem(id);
		}
		throw new ApiException(HttpStatus.NOT_FOUND, "SESSION_NOT_FOUND", "session", "No session " + id);
	}

	/**
	 * The answer to a request made in a session that has ended.
	 * @param id the session id
	 * @return the problem
	 */
	static ApiException endedProblem(String id) {
		return new ApiException(HttpStatus.GONE, "SESSION_ENDED", "session", "Session " + id + " ended");
	}

	/**
	 * The name of the token that created a live session or one that ended recently.
	 * @param id the session id
	 * @return the token's name; empty if the session is unknown or was created without a token
	 */
	@Override
	public Optional<String> creator(String id) {
		if (id == null) {
			return Optional.empty();
		}
		AppSession session = this.sessions.get(id);
		if (session != null) {
			return Optional.ofNullable(session.creator());
		}
		Ended gone = this.ended.get(id);
		return (gone != null) ? Optional.ofNullable(gone.creator()) : Optional.empty();
	}

	/**
	 * The event log of a live session, or of one that ended recently (its last events tell what was lost and why).
	 * @param id the session id
	 * @return the events
	 */
	public EventLog events(String id) {
		Ended gone = (id != null) ? this.ended.get(id) : null;
		return (gone != null) ? gone.events() : get(id).events();
	}

	/**
	 * Renews a session.
	 * @param id its id
	 * @return the session
	 */
	public AppSession renew(String id) {
		AppSession session = get(id);
		session.renew();
		return session;
	}

	/**
	 * Destroys a session: everything it held is released.
	 * @param id its id
	 */
	public void destroy(String id) {
		end(get(id), LostReason.NODE_CLOSED, "destroyed by its application");
	}

	/**
	 * Ends every session tied to a health check that turned critical.
	 * @param checkId the check
	 * @param output the check's output
	 */
	public void checkCritical(String checkId, String output) {
		for (AppSession session : this.sessions.values()) {
			if (session.checks().contains(checkId)) {
				end(session, LostReason.SESSION_EXPIRED, "health check '" + checkId + "' is critical: " + output);
			}
		}
	}

	/**
	 * The live sessions.
	 * @return the sessions
	 */
	public Collection<AppSession> all() {
		return List.copyOf(this.sessions.values());
	}

	private void end(AppSession session, LostReason reason, String detail) {
		if (!session.claimEnd()) {
			return; // another ender (expiry, destroy, critical check) got there first
		}
		this.ended.put(session.id(), new Ended(reason, detail,
				System.nanoTime() + this.properties.getExpiredSessionMemory().toNanos(), session.events(),
				session.creator()));
		this.sessions.remove(session.id());
		logger.info("Session " + session.id() + ((session.name() != null) ? " (" + session.name() + ")" : "")
				+ " ended: " + detail);
		try {
			session.end(reason, detail);
		}
		catch (RuntimeException ex) {
			logger.warn("Ending session " + session.id() + ": " + ex.getMessage());
		}
	}

	private void sweep() {
		try {
			for (AppSession session : this.sessions.values()) {
				if (session.expired()) {
					end(session, LostReason.SESSION_EXPIRED, "not renewed within its TTL of " + session.ttl());
				}
			}
			long now = System.nanoTime();
			this.ended.values().removeIf((gone) -> gone.forgetAt() - now < 0);
		}
		catch (RuntimeException ex) {
			logger.warn("Session sweep failed: " + ex);
		}
	}

	@Override
	public void start() {
		this.sweeper = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "coordination-sidecar-sessions");
			thread.setDaemon(true);
			return thread;
		});
		this.sweeper.scheduleWithFixedDelay(this::sweep, 100, 100, TimeUnit.MILLISECONDS);
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.sweeper.shutdownNow();
		for (AppSession session : this.sessions.values()) {
			end(session, LostReason.NODE_CLOSED, "the sidecar is shutting down");
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
