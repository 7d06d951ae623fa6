package io.coordination.client.internal;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import io.coordination.LeaseLostEvent;
import io.coordination.LeaseLostListener;
import io.coordination.LostReason;
import io.coordination.OwnershipLostException;
import io.coordination.lock.LockLease;
import io.coordination.lock.LockMode;
import io.coordination.lock.LockOwnershipLostException;
import io.coordination.semaphore.PermitLease;

/**
 * A lock hold or permits granted through the sidecar: valid while not released or lost, its lease time has not
 * passed and the session was confirmed alive within its TTL. Closing it releases it by its fencing token.
 */
public final class HttpLease implements LockLease, PermitLease {

	private final ClientSession session;

	private final Api api;

	private final String releasePath;

	private final String appSession;

	private final String resource;

	private final long token;

	private final LockMode mode;

	private final int permits;

	private final Instant grantedAt;

	private final long validUntil;

	private final boolean semaphore;

	private final AtomicReference<Object> state = new AtomicReference<>(State.HELD);

	private final List<LeaseLostListener> listeners = new CopyOnWriteArrayList<>();

	HttpLease(ClientSession session, String appSession, Api api, String releasePath, String resource, long token,
			LockMode mode, int permits, Instant grantedAt, long validUntil, boolean semaphore) {
		this.session = session;
		this.api = api;
		this.releasePath = releasePath;
		this.appSession = appSession;
		this.resource = resource;
		this.token = token;
		this.mode = mode;
		this.permits = permits;
		this.grantedAt = grantedAt;
		this.validUntil = validUntil;
		this.semaphore = semaphore;
		session.track(this);
	}

	@Override
	public String resource() {
		return this.resource;
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
		return this.state.get() == State.HELD && System.nanoTime() - this.validUntil < 0 && this.session.isLive()
				&& this.appSession.equals(this.session.appSessionId());
	}

	@Override
	public void checkValid() {
		if (isValid()) {
			return;
		}
		Object current = this.state.get();
		if (current == State.RELEASED || current == State.RELEASING) {
			throw new IllegalStateException("Lease on '" + this.resource + "' with fencing token " + this.token
					+ " was released by its holder");
		}
		LostReason reason = (current instanceof LostReason lost) ? lost
				: (System.nanoTime() - this.validUntil >= 0) ? LostReason.LEASE_EXPIRED : null;
		if (this.semaphore) {
			throw new OwnershipLostException(this.resource, this.token, reason);
		}
		throw new LockOwnershipLostException(this.resource, this.token, reason);
	}

	@Override
	public void addLostListener(LeaseLostListener listener) {
		this.listeners.add(listener);
		if (this.state.get() instanceof LostReason reason && this.listeners.remove(listener)) {
			this.session.notify(() -> listener.leaseLost(new LeaseLostEvent(this.resource, this.token, reason)));
		}
	}

	@Override
	public void close() {
		if (!this.state.compareAndSet(State.HELD, State.RELEASING)) {
			return;
		}
		if (this.appSession.equals(this.session.appSessionId())) {
			try {
				this.api.call("DELETE", this.releasePath).param("session", this.appSession).expect("NOT_HELD",
						"SESSION_ENDED", "SESSION_NOT_FOUND").execute();
			}
			catch (ProblemException ex) {
				// lost meanwhile: nothing left to release
			}
			catch (RuntimeException ex) {
				// not released (sidecar unreachable): still held, close() may be called again
				this.state.compareAndSet(State.RELEASING, State.HELD);
				throw ex;
			}
		}
		// else its session ended: released with it
		this.state.set(State.RELEASED);
		this.session.untrack(this);
	}

	/**
	 * The session this lease was granted in.
	 * @return the application session id
	 */
	String appSession() {
		return this.appSession;
	}

	void lost(LostReason reason) {
		// also while a release is on its way: if the release then fails, the lease stays lost
		if (this.state.compareAndSet(State.HELD, reason) || this.state.compareAndSet(State.RELEASING, reason)) {
			for (LeaseLostListener listener : this.listeners) {
				if (this.listeners.remove(listener)) {
					this.session.notify(() -> listener.leaseLost(new LeaseLostEvent(this.resource, this.token, reason)));
				}
			}
		}
	}

	@Override
	public String toString() {
		return "'" + this.resource + "' " + this.mode + " token " + this.token + " (" + this.state.get() + ")";
	}

	private enum State {

		HELD, RELEASING, RELEASED

	}

}
