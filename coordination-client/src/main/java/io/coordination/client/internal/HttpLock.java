package io.coordination.client.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

import io.coordination.InputRules;
import io.coordination.lock.DistributedLock;
import io.coordination.lock.LockInfo;
import io.coordination.lock.LockLease;
import io.coordination.lock.LockMode;

/**
 * An exclusive lock or one side of a read-write lock, through the sidecar. The owner is the calling thread, as with
 * an embedded client.
 */
public final class HttpLock implements DistributedLock {

	private final ClientSession session;

	private final Api api;

	private final String name;

	private final LockMode mode;

	/**
	 * Creates the lock.
	 * @param session the session
	 * @param api the API
	 * @param name the lock
	 * @param mode exclusive, read or write
	 */
	public HttpLock(ClientSession session, Api api, String name, LockMode mode) {
		this.session = session;
		this.api = api;
		this.name = InputRules.name("lock", name);
		this.mode = mode;
	}

	private String base() {
		return ((this.mode == LockMode.EXCLUSIVE) ? "/v1/locks/" : "/v1/rwlocks/") + Api.segment(this.name);
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public LockLease lock() {
		return acquire(null, null).orElseThrow();
	}

	@Override
	public LockLease lock(Duration leaseTime) {
		return acquire(null, positive("leaseTime", leaseTime)).orElseThrow();
	}

	@Override
	public Optional<LockLease> tryLock() {
		return acquire(Duration.ZERO, null);
	}

	@Override
	public Optional<LockLease> tryLock(Duration waitTime) {
		return acquire(notNegative(waitTime), null);
	}

	@Override
	public Optional<LockLease> tryLock(Duration waitTime, Duration leaseTime) {
		return acquire(notNegative(waitTime), positive("leaseTime", leaseTime));
	}

	private Optional<LockLease> acquire(Duration wait, Duration leaseTime) {
		Api.Call call = this.api.call("POST", base())
			.param("session", this.session.appSessionId())
			.param("owner", Names.currentOwner())
			.param("wait", (wait != null) ? wait.toMillis() + "ms" : "forever")
			.param("lease", leaseTime)
			.waiting(wait)
			.idempotent(false)
			.expect("LOCK_NOT_ACQUIRED");
		if (this.mode != LockMode.EXCLUSIVE) {
			call.param("mode", this.mode.name().toLowerCase(Locale.ROOT));
		}
		long sent = System.nanoTime();
		JsonNode grant;
		try {
			grant = call.tree();
		}
		catch (ProblemException ex) {
			return Optional.empty();
		}
		long token = grant.path("token").asLong();
		long validUntil = (leaseTime != null) ? sent + leaseTime.toNanos() : Long.MAX_VALUE;
		return Optional.of(new HttpLease(this.session, grant.path("session").asString(), this.api,
				base() + "/holds/" + token, this.name, token,
				this.mode, 1, Instant.parse(grant.path("grantedAt").asString()), validUntil, false));
	}

	@Override
	public boolean isLocked() {
		return info().isLocked();
	}

	@Override
	public boolean isHeldBy(long fencingToken) {
		try {
			this.api.call("GET", base() + "/holds/" + fencingToken).param("mode", side()).expect("NOT_HELD").execute();
			return true;
		}
		catch (ProblemException ex) {
			return false;
		}
	}

	@Override
	public LockInfo info() {
		return this.api.call("GET", base()).as(LockInfo.class);
	}

	@Override
	public boolean forceRelease() {
		// not repeated after a lost answer: the repeat would release the next holder
		return this.api.call("DELETE", base()).param("mode", side()).idempotent(false).tree().path("released")
			.asBoolean();
	}

	@Override
	public boolean forceRelease(long fencingToken) {
		return this.api.call("DELETE", base()).param("mode", side()).param("token", fencingToken).tree()
			.path("released").asBoolean();
	}

	/** The side of a read-write lock, as the API names it; {@code null} for an exclusive lock. */
	private String side() {
		return switch (this.mode) {
			case EXCLUSIVE -> null;
			case READ -> "read";
			case WRITE -> "write";
		};
	}

	static Duration notNegative(Duration wait) {
		Objects.requireNonNull(wait, "waitTime");
		if (wait.isNegative()) {
			throw new IllegalArgumentException("waitTime must not be negative: " + wait);
		}
		return wait;
	}

	static Duration positive(String what, Duration duration) {
		Objects.requireNonNull(duration, what);
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(what + " must be positive: " + duration);
		}
		return duration;
	}

	@Override
	public String toString() {
		return "lock '" + this.name + "' (" + this.mode + ") via the sidecar";
	}

}
