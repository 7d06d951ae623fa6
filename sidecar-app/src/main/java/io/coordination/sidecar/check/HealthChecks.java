package io.coordination.sidecar.check;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.coordination.Coordination;
import io.coordination.discovery.HealthStatus;
import io.coordination.sidecar.SidecarProperties;
import io.coordination.sidecar.session.AppSessions;
import io.coordination.sidecar.web.ApiException;
import io.coordination.sidecar.web.Validation;

/**
 * The health checks the agent runs for its application: active HTTP and TCP probes on an interval, and TTL checks the
 * application reports to. A status change is reported to the registered instance the check belongs to; a check that
 * turns critical ends every application session tied to it (releasing what they held), and an instance critical for
 * longer than its check's deregister-critical-after is deregistered.
 */
@Component
public class HealthChecks implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(HealthChecks.class);

	private final Coordination coordination;

	private final AppSessions sessions;

	private final SidecarProperties properties;

	private final Map<String, RunningCheck> checks = new ConcurrentHashMap<>();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final CheckTargets targets;

	private final SidecarProperties.Limits limits;

	private volatile boolean running;

	/**
	 * Creates the checks.
	 * @param coordination reports instance health
	 * @param sessions ends sessions tied to critical checks
	 * @param properties checks declared in properties
	 */
	public HealthChecks(Coordination coordination, AppSessions sessions, SidecarProperties properties) {
		this.coordination = coordination;
		this.sessions = sessions;
		this.properties = properties;
		this.targets = new CheckTargets(properties.getCheckTargets());
		this.limits = properties.getLimits();
		sessions.checkLookup(this::status);
	}

	/**
	 * Who registers or reports on a check: the name of its token, and whether it administers the sidecar. A check
	 * belongs to the token that registered it; only that token or an administrator may replace, remove or report on
	 * it (checks declared in properties belong to nobody: the path permission alone decides).
	 *
	 * @param token the token's name, {@code null} when security is off
	 * @param administers whether it may act on every check
	 */
	public record Caller(String token, boolean administers) {

		/** The sidecar itself (checks declared in properties). */
		static final Caller SIDECAR = new Caller(null, true);

	}

	/**
	 * The state of a check.
	 *
	 * @param id its id
	 * @param spec its definition
	 * @param status its status
	 * @param output what it last said
	 * @param since when the status last changed
	 */
	public record CheckState(String id, CheckSpec spec, HealthStatus status, String output, Instant since) {
	}

	/**
	 * Adds or replaces a check.
	 * @param id the id
	 * @param spec the definition
	 * @return its state
	 */
	public CheckState register(String id, CheckSpec spec) {
		return register(id, spec, Caller.SIDECAR);
	}

	/**
	 * Adds or replaces a check. Everything is validated before anything changes: a refused registration leaves an
	 * existing check as it was.
	 * @param id the id
	 * @param spec the definition
	 * @param caller who registers it
	 * @return its state
	 */
	public synchronized CheckState register(String id, CheckSpec spec, Caller caller) {
		Validation.name("id", id);
		// checks declared in properties are the operator's: the limits and targets bound what tokens register
		boolean declared = caller == Caller.SIDECAR;
		validate(spec, !declared);
		RunningCheck previous = this.checks.get(id);
		if (previous != null) {
			requireOwner(previous, caller);
		}
		else if (!declared && this.checks.size() >= this.limits.getMaxChecks()) {
			throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "TOO_MANY_CHECKS", "id", "This sidecar runs "
					+ this.checks.size() + " checks, its limit (coordination.sidecar.limits.max-checks)");
		}
		RunningCheck check = new RunningCheck(id, spec, caller.token(), !declared);
		if (this.running) {
			check.schedule();
		}
		this.checks.put(id, check);
		if (previous != null) {
			previous.cancel();
		}
		return check.state();
	}

	private static void requireOwner(RunningCheck check, Caller caller) {
		if (check.owner != null && !caller.administers() && !check.owner.equals(caller.token())) {
			throw new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN", "id",
					"Check '" + check.id + "' belongs to another token than '" + caller.token() + "'");
		}
	}

	/**
	 * Removes a check.
	 * @param id the id
	 * @return whether it existed
	 */
	public boolean remove(String id) {
		return remove(id, Caller.SIDECAR);
	}

	/**
	 * Removes a check, if the caller may.
	 * @param id the id
	 * @param caller who removes it
	 * @return whether it existed
	 */
	public synchronized boolean remove(String id, Caller caller) {
		RunningCheck check = this.checks.get(id);
		if (check == null) {
			return false;
		}
		requireOwner(check, caller);
		this.checks.remove(id);
		check.cancel();
		return true;
	}

	/**
	 * The application reports on a TTL check.
	 * @param id the check
	 * @param status the status
	 * @param output what it says
	 * @return the check's state
	 */
	public CheckState report(String id, HealthStatus status, String output) {
		return report(id, status, output, Caller.SIDECAR);
	}

	/**
	 * The application reports on a TTL check, if the caller may.
	 * @param id the check
	 * @param status the status
	 * @param output what it says
	 * @param caller who reports
	 * @return the check's state
	 */
	public CheckState report(String id, HealthStatus status, String output, Caller caller) {
		RunningCheck check = find(id);
		requireOwner(check, caller);
		if (check.spec.getType() != CheckSpec.CheckType.TTL) {
			throw ApiException.invalid("id", "check '" + id + "' is an " + check.spec.getType()
					+ " check; only TTL checks are reported to");
		}
		check.reported(status, output);
		return check.state();
	}

	/**
	 * A check's state.
	 * @param id the check
	 * @return the state
	 */
	public CheckState get(String id) {
		return find(id).state();
	}

	/**
	 * Every check.
	 * @return their states
	 */
	public List<CheckState> all() {
		return this.checks.values().stream().map(RunningCheck::state).toList();
	}

	private Optional<HealthStatus> status(String id) {
		RunningCheck check = this.checks.get(id);
		return (check != null) ? Optional.of(check.status) : Optional.empty();
	}

	private RunningCheck find(String id) {
		RunningCheck check = this.checks.get(id);
		if (check == null) {
			throw ApiException.notFound("CHECK_NOT_FOUND", "No check '" + id + "'");
		}
		return check;
	}

	private void validate(CheckSpec spec, boolean bounded) {
		if (spec.getType() == null) {
			throw ApiException.invalid("type", "'type' is required: http, tcp or ttl");
		}
		switch (spec.getType()) {
			case HTTP -> {
				URI uri;
				try {
					uri = URI.create(String.valueOf(spec.getUrl()));
				}
				catch (IllegalArgumentException ex) {
					throw ApiException.invalid("url", "'" + spec.getUrl() + "' is not a URL");
				}
				if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
						|| uri.getHost() == null) {
					throw ApiException.invalid("url", "an http check needs an http(s) URL, not '" + spec.getUrl() + "'");
				}
				if (bounded) {
					reachable("url", uri.getHost());
				}
			}
			case TCP -> {
				InetSocketAddress target = address(spec.getAddress());
				if (bounded) {
					reachable("address", target.getHostString());
				}
			}
			case TTL -> atLeast("ttl", spec.getTtl(), bounded);
		}
		if (spec.getType() != CheckSpec.CheckType.TTL) {
			atLeast("interval", spec.getInterval(), bounded);
			positive("timeout", spec.getTimeout());
		}
		if ((spec.getService() == null) != (spec.getInstanceId() == null)) {
			throw ApiException.invalid((spec.getService() == null) ? "service" : "instanceId",
					"'service' and 'instanceId' go together");
		}
		if (spec.getDeregisterCriticalAfter() != null) {
			positive("deregisterCriticalAfter", spec.getDeregisterCriticalAfter());
		}
	}

	private void reachable(String field, String host) {
		try {
			this.targets.require(host);
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.invalid(field, ex.getMessage());
		}
	}

	private void atLeast(String field, Duration duration, boolean bounded) {
		positive(field, duration);
		Duration minimum = this.limits.getMinCheckInterval();
		if (bounded && duration.compareTo(minimum) < 0) {
			throw ApiException.invalid(field, "'" + field + "' must be at least " + minimum
					+ " (coordination.sidecar.limits.min-check-interval): " + duration);
		}
	}

	private static void positive(String field, Duration duration) {
		if (duration == null || duration.isNegative() || duration.isZero()) {
			throw ApiException.invalid(field, "'" + field + "' must be a positive duration: " + duration);
		}
	}

	static InetSocketAddress address(String address) {
		int colon = (address != null) ? address.lastIndexOf(':') : -1;
		if (colon <= 0) {
			throw ApiException.invalid("address", "a tcp check needs host:port, not '" + address + "'");
		}
		try {
			int port = Integer.parseInt(address.substring(colon + 1));
			if (port < 1 || port > 65535) {
				throw new NumberFormatException();
			}
			return InetSocketAddress.createUnresolved(address.substring(0, colon), port);
		}
		catch (NumberFormatException ex) {
			throw ApiException.invalid("address", "'" + address + "' has no valid port");
		}
	}

	@Override
	public void start() {
		this.running = true;
		this.properties.getChecks().forEach(this::register);
		this.checks.values().forEach(RunningCheck::schedule);
	}

	@Override
	public void stop() {
		this.running = false;
		this.checks.values().forEach(RunningCheck::cancel);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Checks registered so far.
	 * @return the checks
	 */
	Collection<String> ids() {
		return this.checks.keySet();
	}

	private final class RunningCheck {

		final String id;

		final CheckSpec spec;

		/** The token that registered it, {@code null} for a check declared in properties. */
		final String owner;

		/** Whether its targets are limited (registered over the API, not declared by the operator). */
		final boolean bounded;

		volatile HealthStatus status;

		volatile String output;

		volatile Instant since = Instant.now();

		volatile long reportedAt = System.nanoTime();

		volatile long criticalSince;

		/** A thread of its own: one slow check never delays another. */
		private ScheduledExecutorService executor;

		RunningCheck(String id, CheckSpec spec, String owner, boolean bounded) {
			this.id = id;
			this.spec = spec;
			this.owner = owner;
			this.bounded = bounded;
			// a TTL check has its first TTL to report; an active check is critical until its first probe passes
			this.status = (spec.getType() == CheckSpec.CheckType.TTL) ? HealthStatus.PASSING : HealthStatus.CRITICAL;
			// an active check starts critical until its first probe: the deregistration delay counts from now
			this.criticalSince = System.nanoTime();
			this.output = (spec.getType() == CheckSpec.CheckType.TTL) ? "awaiting the first report" : "not run yet";
		}

		CheckState state() {
			return new CheckState(this.id, this.spec, this.status, this.output, this.since);
		}

		synchronized void schedule() {
			if (this.executor != null) {
				return;
			}
			long period = (this.spec.getType() == CheckSpec.CheckType.TTL)
					? Math.max(100, this.spec.getTtl().toMillis() / 10) : this.spec.getInterval().toMillis();
			this.executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
				Thread thread = new Thread(runnable, "coordination-check-" + this.id);
				thread.setDaemon(true);
				return thread;
			});
			this.executor.scheduleWithFixedDelay(this::run, 0, period, TimeUnit.MILLISECONDS);
		}

		synchronized void cancel() {
			if (this.executor != null) {
				this.executor.shutdownNow();
			}
		}

		void reported(HealthStatus reported, String text) {
			this.reportedAt = System.nanoTime();
			set(reported, (text != null) ? text : "reported " + reported.name().toLowerCase(Locale.ROOT));
		}

		private void run() {
			try {
				switch (this.spec.getType()) {
					case HTTP -> probeHttp();
					case TCP -> probeTcp();
					case TTL -> {
						if (System.nanoTime() - this.reportedAt > this.spec.getTtl().toNanos()
								&& this.status != HealthStatus.CRITICAL) {
							set(HealthStatus.CRITICAL, "no report within the TTL of " + this.spec.getTtl());
						}
					}
				}
				deregisterIfCriticalTooLong();
			}
			catch (RuntimeException ex) {
				logger.warn("Check '" + this.id + "' failed to run: " + ex);
			}
		}

		private void probeHttp() {
			URI uri = URI.create(this.spec.getUrl());
			try {
				if (this.bounded) {
					HealthChecks.this.targets.require(uri.getHost());
				}
			}
			catch (IllegalArgumentException ex) {
				set(HealthStatus.CRITICAL, "HTTP GET " + uri + " refused: " + ex.getMessage());
				return;
			}
			try {
				// the status line is the answer: the body is never read (one that never ends cannot hold the check)
				HttpResponse<java.io.InputStream> response = HealthChecks.this.http.send(
						HttpRequest.newBuilder(uri).timeout(this.spec.getTimeout()).GET().build(),
						HttpResponse.BodyHandlers.ofInputStream());
				response.body().close();
				int code = response.statusCode();
				HealthStatus result = (code >= 200 && code < 300) ? HealthStatus.PASSING
						: (code == 429) ? HealthStatus.WARNING : HealthStatus.CRITICAL;
				set(result, "HTTP GET " + uri + ": " + code);
			}
			catch (IOException ex) {
				set(HealthStatus.CRITICAL, "HTTP GET " + uri + " failed: " + ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		private void probeTcp() {
			InetSocketAddress target = address(this.spec.getAddress());
			try {
				if (this.bounded) {
					HealthChecks.this.targets.require(target.getHostString());
				}
			}
			catch (IllegalArgumentException ex) {
				set(HealthStatus.CRITICAL, "TCP connect " + this.spec.getAddress() + " refused: " + ex.getMessage());
				return;
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(target.getHostString(), target.getPort()),
						(int) this.spec.getTimeout().toMillis());
				set(HealthStatus.PASSING, "TCP connect " + this.spec.getAddress() + ": success");
			}
			catch (IOException ex) {
				set(HealthStatus.CRITICAL, "TCP connect " + this.spec.getAddress() + " failed: " + ex.getMessage());
			}
		}

		private synchronized void set(HealthStatus next, String text) {
			HealthStatus previous = this.status;
			this.output = text;
			if (previous == next) {
				return;
			}
			this.status = next;
			this.since = Instant.now();
			this.criticalSince = (next == HealthStatus.CRITICAL) ? System.nanoTime() : 0;
			logger.info("Check '" + this.id + "' is " + next + ": " + text);
			if (this.spec.getService() != null) {
				try {
					HealthChecks.this.coordination.discovery()
						.reportHealth(this.spec.getService(), this.spec.getInstanceId(), next, text);
				}
				catch (RuntimeException ex) {
					logger.warn("Could not report check '" + this.id + "' to instance '" + this.spec.getInstanceId()
							+ "': " + ex.getMessage());
				}
			}
			if (next == HealthStatus.CRITICAL) {
				HealthChecks.this.sessions.checkCritical(this.id, text);
			}
		}

		private void deregisterIfCriticalTooLong() {
			Duration after = this.spec.getDeregisterCriticalAfter();
			if (after != null && this.spec.getService() != null && this.status == HealthStatus.CRITICAL
					&& System.nanoTime() - this.criticalSince > after.toNanos()) {
				if (HealthChecks.this.coordination.discovery()
					.deregister(this.spec.getService(), this.spec.getInstanceId())) {
					logger.info("Deregistered instance '" + this.spec.getInstanceId() + "': check '" + this.id
							+ "' critical for more than " + after);
				}
			}
		}

	}

}
