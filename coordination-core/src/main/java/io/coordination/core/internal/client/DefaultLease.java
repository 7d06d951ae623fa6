package io.coordination.core.internal.client;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import io.coordination.LeaseLostEvent;
import io.coordination.LeaseLostListener;
import io.coordination.LostReason;
import io.coordination.OwnershipLostException;
import io.coordination.core.internal.protocol.ResourceType;
import io.coordination.fencing.FencingTokens;
import io.coordination.lock.LockLease;
import io.coordination.lock.LockMode;
import io.coordination.lock.LockOwnershipLostException;
import io.coordination.semaphore.PermitLease;

/**
 * A grant held by this client: a lock hold or a lease of permits. Several leases share a token when a thread
 * re-enters a lock; each is released on its own.
 */
final class DefaultLease implements LockLease, PermitLease {

	private final EmbeddedCoordination client;

	final ResourceType type;

	final String name;

	final String owner;

	final LockMode mode;

	final long token;

	final long sessionId;

	/** {@link System#nanoTime()} after which the cluster may have expired the lease time, or {@code Long.MAX_VALUE}. */
	private final long validUntil;

	private final int permits;

	private final Instant grantedAt;

	private final AtomicReference<Object> state = new AtomicReference<>(State.HELD);

	private final List<LeaseLostListener> listeners = new CopyOnWriteArrayList<>();

	DefaultLease(EmbeddedCoordination client, ResourceType type, String name, String owner, LockMode mode, long token,
			int permits, Instant grantedAt, long sessionId, long validUntil) {
		this.client = client;
		this.type = type;
		this.name = name;
		this.owner = owner;
		this.mode = mode;
		this.token = token;
		this.permits = permits;
		this.grantedAt = grantedAt;
		this.sessionId = sessionId;
		this.validUntil = validUntil;
	}

	@Override
	public String resource() {
		return this.name;
	}

	@Override
	public long fencingToken() {
		return this.token;
	}

	@Override
	public Instant grantedAt() {
		return this.grantedAt;
	}

	@Override
	public LockMode mode() {
		return this.mode;
	}

	@Override
	public int permits() {
		return this.permits;
	}

	@Override
	public boolean isValid() {
		return this.state.get() == State.HELD && System.nanoTime() - this.validUntil < 0
				&& this.client.isLive(this.sessionId);
	}

	@Override
	public void checkValid() {
		if (isValid()) {
			return;
		}
		Object current = this.state.get();
		LostReason reason = (current instanceof LostReason lost) ? lost : null;
		if (reason == null && System.nanoTime() - this.validUntil >= 0) {
			reason = LostReason.LEASE_EXPIRED;
		}
		if (current == State.RELEASED) {
			throw new IllegalStateException("Lease on '" + this.name + "' with fencing token " + this.token
					+ " was released by its holder");
		}
		if (this.type == ResourceType.SEMAPHORE) {
			throw new OwnershipLostException(this.name, this.token, reason);
		}
		throw new LockOwnershipLostException(this.name, this.token, reason);
	}

	@Override
	public void addLostListener(LeaseLostListener listener) {
		this.listeners.add(listener);
		if (this.state.get() instanceof LostReason reason && this.listeners.remove(listener)) {
			this.client.notify(() -> listener.leaseLost(new LeaseLostEvent(this.name, this.token, reason)));
		}
	}

	@Override
	public void close() {
		if (this.state.compareAndSet(State.HELD, State.RELEASED)) {
			this.client.release(this);
		}
	}

	/**
	 * The cluster took the lease away.
	 * @param reason why
	 */
	void lost(LostReason reason) {
		if (this.state.compareAndSet(State.HELD, reason)) {
			this.client.leases().remove(this);
			for (LeaseLostListener listener : this.listeners) {
				if (this.listeners.remove(listener)) {
					this.client.notify(() -> listener.leaseLost(new LeaseLostEvent(this.name, this.token, reason)));
				}
			}
		}
	}

	boolean isHeld() {
		return this.state.get() == State.HELD;
	}

	@Override
	public String toString() {
		return this.type.noun() + " '" + this.name + "' " + this.mode + " token " + FencingTokens.describe(this.token)
				+ " (" + this.state.get() + ")";
	}

	private enum State {

		HELD, RELEASED

	}

}
