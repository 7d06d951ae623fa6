package io.coordination.core.internal.state;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import io.coordination.core.internal.protocol.ResourceType;
import io.coordination.lock.LockMode;

/**
 * A lock, read-write lock or semaphore: its holds, in grant order, and its waiters, in arrival order.
 */
final class Resource {

	final ResourceType type;

	final String name;

	/** Total permits of a semaphore; 1 for locks. */
	final int total;

	final List<Hold> holds = new ArrayList<>();

	final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

	Resource(ResourceType type, String name, int total) {
		this.type = type;
		this.name = name;
		this.total = total;
	}

	Ref ref() {
		return Ref.of(this.type, this.name);
	}

	boolean isIdle() {
		return this.holds.isEmpty() && this.waiters.isEmpty();
	}

	int usedPermits() {
		int used = 0;
		for (Hold hold : this.holds) {
			used += hold.permits;
		}
		return used;
	}

	Hold holdOf(OwnerKey owner, LockMode mode) {
		for (Hold hold : this.holds) {
			if (hold.owner.equals(owner) && hold.mode == mode) {
				return hold;
			}
		}
		return null;
	}

	Hold holdWithToken(OwnerKey owner, long token) {
		for (Hold hold : this.holds) {
			if (hold.token == token && hold.owner.equals(owner)) {
				return hold;
			}
		}
		return null;
	}

	boolean involves(long session) {
		for (Hold hold : this.holds) {
			if (hold.owner.session() == session) {
				return true;
			}
		}
		for (Waiter waiter : this.waiters) {
			if (waiter.owner.session() == session) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether a request can be granted now, ignoring the queue.
	 * @param owner who asks
	 * @param mode the mode it asks for
	 * @param permits the permits it asks for
	 * @return whether it is compatible with the current holds
	 */
	boolean compatible(OwnerKey owner, LockMode mode, int permits) {
		return switch (this.type) {
			case LOCK -> this.holds.isEmpty();
			case SEMAPHORE -> this.total - usedPermits() >= permits;
			case RW_LOCK -> (mode == LockMode.WRITE) ? this.holds.isEmpty() : noWriterOtherThan(owner);
		};
	}

	private boolean noWriterOtherThan(OwnerKey owner) {
		for (Hold hold : this.holds) {
			if (hold.mode == LockMode.WRITE && !hold.owner.equals(owner)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * One grant: an owner's hold of a lock mode, or one lease of semaphore permits.
	 */
	static final class Hold {

		final OwnerKey owner;

		final LockMode mode;

		final int permits;

		final long token;

		final long since;

		int count;

		/** Log time the lease expires at, or 0. */
		long leaseExpiry;

		Timers.Deadline deadline;

		Hold(OwnerKey owner, LockMode mode, int permits, long token, long since, int count, long leaseExpiry) {
			this.owner = owner;
			this.mode = mode;
			this.permits = permits;
			this.token = token;
			this.since = since;
			this.count = count;
			this.leaseExpiry = leaseExpiry;
		}

	}

	/**
	 * One waiting request.
	 */
	static final class Waiter {

		final long requestId;

		final OwnerKey owner;

		final LockMode mode;

		final int permits;

		final long leaseMillis;

		final long since;

		/** Log time the wait gives up at, or 0. */
		final long waitUntil;

		final boolean failOnDeadlock;

		Timers.Deadline deadline;

		Waiter(long requestId, OwnerKey owner, LockMode mode, int permits, long leaseMillis, long since,
				long waitUntil, boolean failOnDeadlock) {
			this.requestId = requestId;
			this.owner = owner;
			this.mode = mode;
			this.permits = permits;
			this.leaseMillis = leaseMillis;
			this.since = since;
			this.waitUntil = waitUntil;
			this.failOnDeadlock = failOnDeadlock;
		}

	}

}
