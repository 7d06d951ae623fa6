package io.coordination.sidecar.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.coordination.Coordination;
import io.coordination.Lease;
import io.coordination.LeaseLostEvent;
import io.coordination.LostReason;
import io.coordination.core.RemoteOwners;
import io.coordination.sidecar.web.ApiException;
import io.coordination.sidecar.web.EventLog;
import io.coordination.sidecar.web.SseStreams;

/**
 * A session of a remote application (like a Consul session): it lives while the application renews it within its
 * TTL, and everything acquired under it (locks, permits, candidacies, ephemeral registrations) is released when it
 * expires, is destroyed, or a health check it is tied to turns critical. Backed by its own session with the cluster.
 * The application learns what it lost from the session's event stream.
 */
public final class AppSession {

	private final String id;

	private final String name;

	private final String creator;

	private final Duration ttl;

	private final Set<String> checks;

	private final Coordination client;

	private final Instant createdAt = Instant.now();

	private final EventLog events;

	private final Map<Long, Deque<Lease>> leases = new ConcurrentHashMap<>();

	private final Map<String, AutoCloseable> resources = new ConcurrentHashMap<>();

	private volatile long renewedAt = System.nanoTime();

	private final AtomicBoolean ended = new AtomicBoolean();

	AppSession(String id, String name, String creator, Duration ttl, Set<String> checks, Coordination client,
			SseStreams streams) {
		this.events = new EventLog(10_000, streams);
		this.id = id;
		this.name = name;
		this.creator = creator;
		this.ttl = ttl;
		this.checks = Set.copyOf(checks);
		this.client = client;
	}

	public String id() {
		return this.id;
	}

	public String name() {
		return this.name;
	}

	/**
	 * The name of the bearer token that created the session: only requests with that token may use it.
	 * @return the token's name, or {@code null} if security is off
	 */
	public String creator() {
		return this.creator;
	}

	public Duration ttl() {
		return this.ttl;
	}

	public Set<String> checks() {
		return this.checks;
	}

	public Instant createdAt() {
		return this.createdAt;
	}

	public EventLog events() {
		return this.events;
	}

	/**
	 * The session's client of the cluster.
	 * @return the client
	 */
	public Coordination client() {
		return this.client;
	}

	/**
	 * Runs an operation of this session on behalf of a remote owner (the remote thread).
	 * @param <T> the result type
	 * @param owner the owner id
	 * @param action the operation
	 * @return its result
	 */
	public <T> T as(String owner, Supplier<T> action) {
		return RemoteOwners.callAs(owner, action);
	}

	void renew() {
		this.renewedAt = System.nanoTime();
	}

	/**
	 * Time left before the session expires without renewal.
	 * @return the time left, negative once expired
	 */
	public Duration remaining() {
		return this.ttl.minusNanos(System.nanoTime() - this.renewedAt);
	}

	boolean expired() {
		return remaining().isNegative();
	}

	/**
	 * Whether the session has ended (expired, destroyed or its check went critical).
	 * @return whether it has
	 */
	public boolean ended() {
		return this.ended.get();
	}

	/**
	 * Keeps a lease granted under this session; its loss is published on the event stream. A lease granted while
	 * the session ended (a grant completing after the session expired) is released at once.
	 * @param lease the lease
	 * @throws ApiException 410 if the session has ended
	 */
	public void hold(Lease lease) {
		this.leases.computeIfAbsent(lease.fencingToken(), (token) -> new ConcurrentLinkedDeque<>()).push(lease);
		lease.addLostListener((event) -> {
			if (this.leases.remove(lease.fencingToken()) != null) {
				this.events.publish("lease-lost", event);
			}
		});
		if (this.ended.get()) {
			this.leases.remove(lease.fencingToken());
			try {
				lease.close();
			}
			finally {
				throw AppSessions.endedProblem(this.id);
			}
		}
	}

	/**
	 * Releases one lease with a token (the latest, for reentrant holds) of a resource: it is kept until the cluster
	 * has released it, so that a failed release can be retried.
	 * @param token the fencing token
	 * @param resource the resource the caller names
	 * @param kind the kind of lease the caller names ({@code LockLease}, {@code PermitLease})
	 * @return whether this session held such a lease
	 * @throws ApiException 400 if the token is a lease of another resource
	 */
	public boolean release(long token, String resource, Class<? extends Lease> kind) {
		Deque<Lease> held = this.leases.get(token);
		if (held == null) {
			return false;
		}
		Lease lease;
		synchronized (held) {
			lease = held.peek();
		}
		if (lease == null) {
			return false;
		}
		if (!lease.resource().equals(resource) || !kind.isInstance(lease)) {
			throw ApiException.invalid("token", "token " + token + " is a lease of '" + lease.resource()
					+ "', not a " + kind.getSimpleName() + " of '" + resource + "'");
		}
		lease.close();
		synchronized (held) {
			held.remove(lease);
			if (held.isEmpty()) {
				this.leases.remove(token, held);
			}
		}
		return true;
	}

	/**
	 * Whether this session holds a lease with this token.
	 * @param token the token
	 * @return whether it does
	 */
	public boolean holds(long token) {
		return this.leases.containsKey(token);
	}

	/**
	 * Keeps a resource (a candidacy, a registration, a membership) that ends with the session.
	 * @param key its key, unique in the session
	 * @param resource the resource
	 */
	public void keep(String key, AutoCloseable resource) {
		this.resources.put(key, resource);
	}

	/**
	 * A kept resource.
	 * @param key its key
	 * @return the resource, if kept
	 */
	public Optional<AutoCloseable> kept(String key) {
		return Optional.ofNullable(this.resources.get(key));
	}

	/**
	 * Forgets a kept resource (the caller closes it).
	 * @param key its key
	 * @return the resource, if kept
	 */
	public Optional<AutoCloseable> forget(String key) {
		return Optional.ofNullable(this.resources.remove(key));
	}

	/**
	 * Claims the end of the session: only the first of concurrent enders (expiry, destroy, critical check) gets it.
	 * @return whether this call ends it
	 */
	boolean claimEnd() {
		return this.ended.compareAndSet(false, true);
	}

	/**
	 * Ends the session (after {@link #claimEnd()}): its holders are told why, then everything it held is released.
	 * @param reason why it ends
	 * @param detail in words, for the last event
	 */
	void end(LostReason reason, String detail) {
		this.ended.set(true);
		try {
			List<Lease> lost = new ArrayList<>();
			this.leases.values().forEach(lost::addAll);
			this.leases.clear();
			for (Lease lease : lost) {
				this.events.publish("lease-lost",
						new LeaseLostEvent(lease.resource(), lease.fencingToken(), reason));
			}
			this.events.close("session-ended", Map.of("session", this.id, "reason", reason.name(), "detail", detail));
			for (AutoCloseable resource : this.resources.values()) {
				try {
					resource.close();
				}
				catch (Exception ex) {
					// the client's close below releases it anyway
				}
			}
			this.resources.clear();
		}
		finally {
			// whatever happened above: the cluster releases everything the session held
			this.client.close();
		}
	}

}
