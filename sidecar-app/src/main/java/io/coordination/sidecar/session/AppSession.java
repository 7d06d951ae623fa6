package io.coordination.sidecar.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.coordination.Coordination;
import io.coordination.Lease;
import io.coordination.LostReason;
import io.coordination.core.RemoteOwners;
import io.coordination.sidecar.web.EventLog;

/**
 * A session of a remote application (like a Consul session): it lives while the application renews it within its
 * TTL, and everything acquired under it (locks, permits, candidacies, ephemeral registrations) is released when it
 * expires, is destroyed, or a health check it is tied to turns critical. Backed by its own session with the cluster.
 * The application learns what it lost from the session's event stream.
 */
public final class AppSession {

	private final String id;

	private final String name;

	private final Duration ttl;

	private final Set<String> checks;

	private final Coordination client;

	private final Instant createdAt = Instant.now();

	private final EventLog events = new EventLog(10_000);

	private final Map<Long, Deque<Lease>> leases = new ConcurrentHashMap<>();

	private final Map<String, AutoCloseable> resources = new ConcurrentHashMap<>();

	private volatile long renewedAt = System.nanoTime();

	private volatile boolean ended;

	AppSession(String id, String name, Duration ttl, Set<String> checks, Coordination client) {
		this.id = id;
		this.name = name;
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

	public boolean ended() {
		return this.ended;
	}

	/**
	 * Keeps a lease granted under this session; its loss is published on the event stream.
	 * @param lease the lease
	 */
	public void hold(Lease lease) {
		this.leases.computeIfAbsent(lease.fencingToken(), (token) -> new ArrayDeque<>()).push(lease);
		lease.addLostListener((event) -> {
			if (this.leases.remove(lease.fencingToken()) != null) {
				this.events.publish("lease-lost", event);
			}
		});
	}

	/**
	 * Takes back one lease with a token (the latest, for reentrant holds), to release it.
	 * @param token the fencing token
	 * @return the lease, if this session holds one with that token
	 */
	public Optional<Lease> release(long token) {
		Deque<Lease> held = this.leases.get(token);
		if (held == null) {
			return Optional.empty();
		}
		synchronized (held) {
			Lease lease = held.poll();
			if (held.isEmpty()) {
				this.leases.remove(token, held);
			}
			return Optional.ofNullable(lease);
		}
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
	 * Ends the session: its holders are told why, then everything it held is released.
	 * @param reason why it ends
	 * @param detail in words, for the last event
	 */
	void end(LostReason reason, String detail) {
		if (this.ended) {
			return;
		}
		this.ended = true;
		List<Lease> lost = new ArrayList<>();
		this.leases.values().forEach(lost::addAll);
		this.leases.clear();
		for (Lease lease : lost) {
			this.events.publish("lease-lost",
					new io.coordination.LeaseLostEvent(lease.resource(), lease.fencingToken(), reason));
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
		this.client.close();
	}

}
