package io.coordination.core.internal.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.coordination.CoordinationInterruptedException;
import io.coordination.election.Candidacy;
import io.coordination.election.Leadership;
import io.coordination.election.LeadershipListener;

/**
 * One candidacy of this client. It follows the leadership events of its group; it leads when the latest leadership
 * names it in its current session, and it is safe to act as leader only while that session is known alive.
 */
final class DefaultCandidacy implements Candidacy {

	private final EmbeddedCoordination client;

	private final ElectionRegistry registry;

	private final String group;

	private final String candidateId;

	private final Map<String, String> metadata;

	private final List<LeadershipListener> listeners = new CopyOnWriteArrayList<>();

	private long sessionId;

	private Leadership current;

	private boolean closed;

	DefaultCandidacy(EmbeddedCoordination client, ElectionRegistry registry, String group, String candidateId,
			Map<String, String> metadata) {
		this.client = client;
		this.registry = registry;
		this.group = group;
		this.candidateId = candidateId;
		this.metadata = Map.copyOf(metadata);
	}

	@Override
	public String group() {
		return this.group;
	}

	@Override
	public String candidateId() {
		return this.candidateId;
	}

	Map<String, String> metadata() {
		return this.metadata;
	}

	@Override
	public boolean isLeader() {
		long session;
		synchronized (this) {
			if (this.closed || !isMine(this.current)) {
				return false;
			}
			session = this.sessionId;
		}
		return this.client.isLive(session);
	}

	@Override
	public synchronized Optional<Leadership> leadership() {
		return (!this.closed && isMine(this.current)) ? Optional.of(this.current) : Optional.empty();
	}

	@Override
	public Optional<Leadership> awaitLeadership(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this) {
			while (!this.closed && !isMine(this.current)) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return Optional.empty();
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this, remaining);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new CoordinationInterruptedException(
							"Interrupted while waiting to lead election group '" + this.group + "'", ex);
				}
			}
			return leadership();
		}
	}

	@Override
	public void addListener(LeadershipListener listener) {
		this.listeners.add(listener);
		Optional<Leadership> leading = leadership();
		leading.ifPresent((leadership) -> this.client.notify(() -> listener.granted(leadership)));
	}

	@Override
	public void close() {
		if (closeLocally()) {
			this.registry.leave(this);
		}
	}

	/**
	 * Stops acting as a candidate here (revoking a leadership held) without telling the cluster: used when the whole
	 * session closes, which removes the candidacy there.
	 * @return whether it was open
	 */
	boolean closeLocally() {
		Leadership revoked;
		synchronized (this) {
			if (this.closed) {
				return false;
			}
			this.closed = true;
			revoked = isMine(this.current) ? this.current : null;
			notifyAll();
		}
		if (revoked != null) {
			fireRevoked(revoked);
		}
		return true;
	}

	// ---- driven by the registry

	synchronized void joined(long session, Leadership leadership) {
		if (session < this.sessionId) {
			// a late answer from an older session: the candidacy already joined in a newer one
			return;
		}
		this.sessionId = session;
		this.current = null;
		update(leadership);
	}

	synchronized void leaderChanged(long session, Leadership leadership) {
		if (session == this.sessionId) {
			update(leadership);
		}
	}

	synchronized void sessionEnded(long session) {
		if (session == this.sessionId) {
			Leadership previous = this.current;
			this.current = null;
			if (isMine(previous)) {
				fireRevoked(previous);
			}
		}
	}

	synchronized boolean needsJoin(long session) {
		return !this.closed && this.sessionId != session;
	}

	private void update(Leadership leadership) {
		Leadership previous = this.current;
		if (leadership != null && previous != null && leadership.term() <= previous.term()) {
			return;
		}
		this.current = leadership;
		boolean was = isMine(previous);
		boolean is = isMine(leadership);
		if (was && !is) {
			fireRevoked(previous);
		}
		if (is && !was && !this.closed) {
			for (LeadershipListener listener : this.listeners) {
				this.client.notify(() -> listener.granted(leadership));
			}
		}
		notifyAll();
	}

	private void fireRevoked(Leadership leadership) {
		for (LeadershipListener listener : this.listeners) {
			this.client.notify(() -> listener.revoked(leadership));
		}
	}

	private boolean isMine(Leadership leadership) {
		return leadership != null && leadership.leaderId().equals(this.candidateId)
				&& leadership.owner().session() == this.sessionId;
	}

	@Override
	public String toString() {
		return "candidate '" + this.candidateId + "' of election group '" + this.group + "'";
	}

}
