package io.coordination.client.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

import io.coordination.InputRules;
import io.coordination.lock.LockMode;
import io.coordination.semaphore.DistributedSemaphore;
import io.coordination.semaphore.PermitLease;
import io.coordination.semaphore.SemaphoreInfo;

/**
 * A counting semaphore through the sidecar. Permits are held by the calling thread under the client's session, as
 * with an embedded client; every grant is a lease with a fencing token.
 */
public final class HttpSemaphore implements DistributedSemaphore {

	private final ClientSession session;

	private final Api api;

	private final String name;

	private final int permits;

	/**
	 * Creates the semaphore.
	 * @param session the session
	 * @param api the API
	 * @param name the semaphore
	 * @param permits its total permit count
	 */
	public HttpSemaphore(ClientSession session, Api api, String name, int permits) {
		this.session = session;
		this.api = api;
		this.name = InputRules.name("semaphore", name);
		if (permits < 1) {
			throw new IllegalArgumentException("permit count must be at least 1: " + permits);
		}
		this.permits = permits;
	}

	private String base() {
		return "/v1/semaphores/" + Api.segment(this.name);
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public int permits() {
		return this.permits;
	}

	@Override
	public PermitLease acquire() {
		return acquire(1);
	}

	@Override
	public PermitLease acquire(int count) {
		return acquire(count, null, null).orElseThrow();
	}

	@Override
	public Optional<PermitLease> tryAcquire(Duration waitTime) {
		return tryAcquire(1, waitTime);
	}

	@Override
	public Optional<PermitLease> tryAcquire(int count, Duration waitTime) {
		return acquire(count, HttpLock.notNegative(waitTime), null);
	}

	@Override
	public Optional<PermitLease> tryAcquire(int count, Duration waitTime, Duration leaseTime) {
		return acquire(count, HttpLock.notNegative(waitTime), HttpLock.positive("leaseTime", leaseTime));
	}

	private Optional<PermitLease> acquire(int count, Duration wait, Duration leaseTime) {
		if (count < 1) {
			throw new IllegalArgumentException("permits must be at least 1: " + count);
		}
		if (count > this.permits) {
			throw new IllegalArgumentException(
					"Cannot acquire " + count + " permits of semaphore '" + this.name + "' which has " + this.permits);
		}
		long sent = System.nanoTime();
		JsonNode grant;
		try {
			grant = this.api.call("POST", base())
				.param("total", this.permits)
				.param("permits", count)
				.param("session", this.session.appSessionId())
				.param("owner", Names.currentOwner())
				.param("wait", (wait != null) ? wait.toMillis() + "ms" : "forever")
				.param("lease", leaseTime)
				.waiting(wait)
				.idempotent(false)
				.expect("PERMITS_NOT_ACQUIRED")
				.tree();
		}
		catch (ProblemException ex) {
			return Optional.empty();
		}
		long token = grant.path("token").asLong();
		long validUntil = (leaseTime != null) ? sent + leaseTime.toNanos() : Long.MAX_VALUE;
		return Optional.of(new HttpLease(this.session, grant.path("session").asString(), this.api,
				base() + "/holds/" + token, this.name, token,
				LockMode.EXCLUSIVE, grant.path("permits").asInt(count), Instant.parse(grant.path("grantedAt").asString()),
				validUntil, true));
	}

	@Override
	public int availablePermits() {
		return info().available();
	}

	@Override
	public SemaphoreInfo info() {
		return this.api.call("GET", base()).param("total", this.permits).as(SemaphoreInfo.class);
	}

	@Override
	public String toString() {
		return "semaphore '" + this.name + "' (" + this.permits + " permits) via the sidecar";
	}

}
