package io.coordination.core.internal.state;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.coordination.InputRules;
import io.coordination.LostReason;
import io.coordination.core.internal.protocol.Command;
import io.coordination.core.internal.protocol.ErrorCode;
import io.coordination.core.internal.protocol.Event;
import io.coordination.core.internal.protocol.ResourceType;
import io.coordination.core.internal.protocol.Result;
import io.coordination.core.internal.state.Resource.Hold;
import io.coordination.core.internal.state.Resource.Waiter;
import io.coordination.core.internal.state.StateContext.PendingKey;
import io.coordination.lock.DeadlockReport;
import io.coordination.lock.LockHolder;
import io.coordination.lock.LockInfo;
import io.coordination.lock.LockMode;
import io.coordination.lock.LockWaiter;
import io.coordination.semaphore.SemaphoreInfo;

/**
 * Locks, read-write locks and semaphores: grants with fencing tokens, FIFO waiters, reentrancy, lease expiry on log
 * time, and deadlock detection over the wait-for graph of locks.
 */
final class ResourceTable {

	private final StateContext ctx;

	private final TreeMap<Ref, Resource> resources = new TreeMap<>();

	/** Locks (not semaphores) each owner waits for: the waiting side of the wait-for graph. */
	private final Map<OwnerKey, TreeSet<Ref>> waitsOf = new HashMap<>();

	private final ArrayDeque<DeadlockReport> deadlocks = new ArrayDeque<>();

	ResourceTable(StateContext ctx) {
		this.ctx = ctx;
	}

	// ---- commands

	Result acquire(long session, Command.Acquire command) {
		ResourceType type = require(command.type(), "type");
		InputRules.name(type.noun(), command.name());
		InputRules.name("owner", command.owner());
		LockMode mode = checkMode(type, command.mode());
		int total = (type == ResourceType.SEMAPHORE) ? InputRules.positive("permit count", command.totalPermits()) : 1;
		int permits = (type == ResourceType.SEMAPHORE) ? InputRules.positive("permits", command.permits()) : 1;
		if (permits > total) {
			throw new IllegalArgumentException("Cannot acquire " + permits + " permits of semaphore '"
					+ command.name() + "' which has " + total);
		}
		if (command.leaseMillis() < 0) {
			throw new IllegalArgumentException("lease time must not be negative: " + command.leaseMillis() + " ms");
		}
		InputRules.millis("lease time", command.leaseMillis());
		if (command.waitMillis() < -1) {
			throw new IllegalArgumentException("wait time must not be negative: " + command.waitMillis() + " ms");
		}
		if (command.waitMillis() > 0) {
			InputRules.millis("wait time", command.waitMillis());
		}
		Ref ref = Ref.of(type, command.name());
		Resource resource = this.resources.get(ref);
		if (resource != null && type == ResourceType.SEMAPHORE && resource.total != total) {
			return new Result.Failed(ErrorCode.PERMIT_COUNT_MISMATCH, "Semaphore '" + command.name() + "' has "
					+ resource.total + " permits on the cluster, not " + total, total, resource.total, null);
		}
		PendingKey pendingKey = new PendingKey(session, command.requestId());
		if (this.ctx.pending.containsKey(pendingKey)) {
			return Result.Failed.of(ErrorCode.DUPLICATE_REQUEST,
					"Request " + command.requestId() + " is already waiting in session " + session);
		}
		OwnerKey owner = new OwnerKey(session, command.owner());
		boolean reentrantRead = false;
		if (resource != null && type != ResourceType.SEMAPHORE) {
			Hold held = resource.holdOf(owner, mode);
			if (held != null) {
				held.count++;
				extendLease(resource, held, command.leaseMillis());
				return new Result.Granted(held.token, held.since, held.count);
			}
			if (mode == LockMode.WRITE && resource.holdOf(owner, LockMode.READ) != null) {
				return Result.Failed.of(ErrorCode.UPGRADE_NOT_SUPPORTED, "Owner " + owner.id()
						+ " holds the read lock of '" + command.name() + "' and cannot take the write lock");
			}
			reentrantRead = mode == LockMode.READ && resource.holdOf(owner, LockMode.WRITE) != null;
		}
		if (resource == null) {
			resource = new Resource(type, command.name(), total);
			this.resources.put(ref, resource);
		}
		if ((resource.waiters.isEmpty() || reentrantRead) && resource.compatible(owner, mode, permits)
				&& this.ctx.canMint()) {
			Hold hold = grant(resource, owner, mode, permits, command.leaseMillis());
			return new Result.Granted(hold.token, hold.since, 1);
		}
		if (command.waitMillis() == 0) {
			dropIfIdle(resource);
			return new Result.Busy();
		}
		long waitUntil = (command.waitMillis() > 0) ? this.ctx.now + command.waitMillis() : 0;
		Waiter waiter = new Waiter(command.requestId(), owner, mode, permits, command.leaseMillis(), this.ctx.now,
				waitUntil, command.failOnDeadlock());
		enqueue(resource, waiter);
		if (!this.ctx.canMint()) {
			this.ctx.starved.add(resource.ref());
		}
		if (type != ResourceType.SEMAPHORE) {
			DeadlockReport report = detect(resource, waiter);
			if (report != null && waiter.failOnDeadlock) {
				dequeue(resource, waiter);
				promote(resource);
				dropIfIdle(resource);
				return new Result.Failed(ErrorCode.DEADLOCK, "Deadlock detected: " + report.describe(), 0, 0, report);
			}
		}
		return new Result.Queued();
	}

	Result release(long session, Command.Release command) {
		ResourceType type = require(command.type(), "type");
		InputRules.name(type.noun(), command.name());
		InputRules.name("owner", command.owner());
		Resource resource = this.resources.get(Ref.of(type, command.name()));
		if (resource == null) {
			return Result.UNCHANGED;
		}
		OwnerKey owner = new OwnerKey(session, command.owner());
		Hold hold = (type == ResourceType.SEMAPHORE) ? resource.holdWithToken(owner, command.token())
				: resource.holdOf(owner, command.mode());
		if (hold == null || hold.token != command.token()) {
			return Result.UNCHANGED;
		}
		hold.count--;
		if (hold.count == 0) {
			removeHold(resource, hold);
			promote(resource);
			dropIfIdle(resource);
		}
		return Result.DONE;
	}

	Result cancel(Ref ref, long session, long requestId) {
		Resource resource = this.resources.get(ref);
		if (resource == null) {
			return Result.UNCHANGED;
		}
		for (Waiter waiter : resource.waiters) {
			if (waiter.requestId == requestId && waiter.owner.session() == session) {
				dequeue(resource, waiter);
				promote(resource);
				dropIfIdle(resource);
				return Result.DONE;
			}
		}
		return Result.UNCHANGED;
	}

	Result forceRelease(Command.ForceRelease command) {
		ResourceType type = require(command.type(), "type");
		InputRules.name(type.noun(), command.name());
		Resource resource = this.resources.get(Ref.of(type, command.name()));
		if (resource == null || resource.holds.isEmpty()) {
			return Result.UNCHANGED;
		}
		boolean released = false;
		for (Hold hold : new ArrayList<>(resource.holds)) {
			if (command.fencingToken() == null || command.fencingToken() == hold.token) {
				lose(resource, hold, LostReason.FORCED_RELEASE);
				released = true;
			}
		}
		if (!released) {
			return Result.UNCHANGED;
		}
		promote(resource);
		dropIfIdle(resource);
		return Result.DONE;
	}

	/**
	 * Releases everything a finished session held or waited for at one resource; nothing is sent to the session.
	 * @param ref the resource
	 * @param session the session that expired or closed
	 */
	void sessionEnded(Ref ref, long session) {
		Resource resource = this.resources.get(ref);
		if (resource == null) {
			return;
		}
		for (Hold hold : new ArrayList<>(resource.holds)) {
			if (hold.owner.session() == session) {
				removeHold(resource, hold);
			}
		}
		for (Waiter waiter : new ArrayList<>(resource.waiters)) {
			if (waiter.owner.session() == session) {
				dequeue(resource, waiter);
			}
		}
		promote(resource);
		dropIfIdle(resource);
	}

	/**
	 * Serves waiters of a resource that could not be served earlier because an entry ran out of tokens.
	 * @param ref the resource
	 */
	void retry(Ref ref) {
		Resource resource = this.resources.get(ref);
		if (resource != null) {
			promote(resource);
		}
	}

	// ---- grants and waiters

	private Hold grant(Resource resource, OwnerKey owner, LockMode mode, int permits, long leaseMillis) {
		long leaseExpiry = (leaseMillis > 0) ? this.ctx.now + leaseMillis : 0;
		Hold hold = new Hold(owner, mode, permits, this.ctx.mint(), this.ctx.now, 1, leaseExpiry);
		addHold(resource, hold);
		return hold;
	}

	private void addHold(Resource resource, Hold hold) {
		resource.holds.add(hold);
		this.ctx.involve(hold.owner.session(), resource.ref());
		scheduleLease(resource, hold);
	}

	private void scheduleLease(Resource resource, Hold hold) {
		if (hold.leaseExpiry > 0) {
			hold.deadline = this.ctx.timers.schedule(hold.leaseExpiry, resource.ref(), Timers.Deadline.LEASE,
					hold.token, hold.owner.id(), () -> leaseExpired(resource, hold));
		}
	}

	private void extendLease(Resource resource, Hold hold, long leaseMillis) {
		if (leaseMillis > 0 && hold.leaseExpiry > 0 && this.ctx.now + leaseMillis > hold.leaseExpiry) {
			this.ctx.timers.cancel(hold.deadline);
			hold.leaseExpiry = this.ctx.now + leaseMillis;
			scheduleLease(resource, hold);
		}
	}

	private void leaseExpired(Resource resource, Hold hold) {
		if (resource.holds.contains(hold)) {
			hold.deadline = null;
			lose(resource, hold, LostReason.LEASE_EXPIRED);
			promote(resource);
			dropIfIdle(resource);
		}
	}

	private void lose(Resource resource, Hold hold, LostReason reason) {
		this.ctx.send(hold.owner.session(), new Event.LeaseLost(resource.type, resource.name, hold.owner.id(),
				hold.mode, hold.token, reason));
		removeHold(resource, hold);
	}

	private void removeHold(Resource resource, Hold hold) {
		resource.holds.remove(hold);
		this.ctx.timers.cancel(hold.deadline);
		hold.deadline = null;
		if (!resource.involves(hold.owner.session())) {
			this.ctx.uninvolve(hold.owner.session(), resource.ref());
		}
	}

	private void enqueue(Resource resource, Waiter waiter) {
		resource.waiters.addLast(waiter);
		indexWaiter(resource, waiter);
	}

	private void indexWaiter(Resource resource, Waiter waiter) {
		Ref ref = resource.ref();
		this.ctx.pending.put(new PendingKey(waiter.owner.session(), waiter.requestId), ref);
		this.ctx.involve(waiter.owner.session(), ref);
		if (resource.type != ResourceType.SEMAPHORE) {
			this.waitsOf.computeIfAbsent(waiter.owner, (o) -> new TreeSet<>()).add(ref);
		}
		if (waiter.waitUntil > 0) {
			waiter.deadline = this.ctx.timers.schedule(waiter.waitUntil, ref, Timers.Deadline.WAIT,
					waiter.owner.session(), Long.toString(waiter.requestId), () -> waitExpired(resource, waiter));
		}
	}

	private void dequeue(Resource resource, Waiter waiter) {
		resource.waiters.remove(waiter);
		Ref ref = resource.ref();
		this.ctx.pending.remove(new PendingKey(waiter.owner.session(), waiter.requestId));
		this.ctx.timers.cancel(waiter.deadline);
		waiter.deadline = null;
		Set<Ref> waits = this.waitsOf.get(waiter.owner);
		if (waits != null && !stillWaits(resource, waiter.owner)) {
			waits.remove(ref);
			if (waits.isEmpty()) {
				this.waitsOf.remove(waiter.owner);
			}
		}
		if (!resource.involves(waiter.owner.session())) {
			this.ctx.uninvolve(waiter.owner.session(), ref);
		}
	}

	private static boolean stillWaits(Resource resource, OwnerKey owner) {
		for (Waiter waiter : resource.waiters) {
			if (waiter.owner.equals(owner)) {
				return true;
			}
		}
		return false;
	}

	private void waitExpired(Resource resource, Waiter waiter) {
		if (resource.waiters.contains(waiter)) {
			waiter.deadline = null;
			dequeue(resource, waiter);
			this.ctx.send(waiter.owner.session(), new Event.Completed(waiter.requestId, Result.Failed
				.of(ErrorCode.TIMED_OUT, "Timed out waiting for " + resource.type.noun() + " '" + resource.name + "'")));
			promote(resource);
			dropIfIdle(resource);
		}
	}

	/**
	 * Grants waiters from the head of the queue while the head is compatible with the holds.
	 */
	private void promote(Resource resource) {
		List<OwnerKey> granted = new ArrayList<>();
		while (!resource.waiters.isEmpty()) {
			Waiter head = resource.waiters.peekFirst();
			if (!resource.compatible(head.owner, head.mode, head.permits)) {
				break;
			}
			if (!this.ctx.canMint()) {
				this.ctx.starved.add(resource.ref());
				break;
			}
			dequeue(resource, head);
			Hold hold = grant(resource, head.owner, head.mode, head.permits, head.leaseMillis);
			this.ctx.send(head.owner.session(),
					new Event.Completed(head.requestId, new Result.Granted(hold.token, hold.since, 1)));
			granted.add(head.owner);
		}
		if (resource.type != ResourceType.SEMAPHORE) {
			for (OwnerKey owner : granted) {
				if (this.waitsOf.containsKey(owner) && failDeadlockedWaiters(resource)) {
					promote(resource);
					return;
				}
			}
		}
	}

	/**
	 * After a grant to an owner that also waits elsewhere, the waiters of this resource may now be in a cycle.
	 * @return whether a waiter was failed
	 */
	private boolean failDeadlockedWaiters(Resource resource) {
		boolean failed = false;
		for (Waiter waiter : new ArrayList<>(resource.waiters)) {
			DeadlockReport report = detect(resource, waiter);
			if (report != null && waiter.failOnDeadlock) {
				dequeue(resource, waiter);
				this.ctx.send(waiter.owner.session(), new Event.Completed(waiter.requestId, new Result.Failed(
						ErrorCode.DEADLOCK, "Deadlock detected: " + report.describe(), 0, 0, report)));
				failed = true;
			}
		}
		return failed;
	}

	private void dropIfIdle(Resource resource) {
		if (resource.isIdle()) {
			this.resources.remove(resource.ref());
		}
	}

	// ---- deadlock detection

	/**
	 * Looks for a path in the wait-for graph from the holders of {@code resource} back to {@code waiter}'s owner.
	 * Records a report if one is found.
	 * @return the report, or {@code null} if the wait closes no cycle
	 */
	private DeadlockReport detect(Resource resource, Waiter waiter) {
		List<DeadlockReport.WaitEdge> path = new ArrayList<>();
		Set<OwnerKey> visited = new HashSet<>();
		if (!reaches(waiter.owner, resource, waiter.owner, path, visited)) {
			return null;
		}
		DeadlockReport report = new DeadlockReport(path, Instant.ofEpochMilli(this.ctx.now),
				waiter.failOnDeadlock ? this.ctx.owner(waiter.owner) : null);
		if (this.deadlocks.size() == DeadlockReport.RETAINED) {
			this.deadlocks.removeFirst();
		}
		this.deadlocks.addLast(report);
		return report;
	}

	private boolean reaches(OwnerKey from, Resource waitedFor, OwnerKey target, List<DeadlockReport.WaitEdge> path,
			Set<OwnerKey> visited) {
		for (Hold hold : waitedFor.holds) {
			if (hold.owner.equals(from)) {
				continue;
			}
			path.add(new DeadlockReport.WaitEdge(this.ctx.owner(from), waitedFor.type.lockKind(), waitedFor.name,
					this.ctx.owner(hold.owner)));
			if (hold.owner.equals(target)) {
				return true;
			}
			if (visited.add(hold.owner)) {
				for (Ref next : this.waitsOf.getOrDefault(hold.owner, new TreeSet<>())) {
					Resource nextResource = this.resources.get(next);
					if (nextResource != null && reaches(hold.owner, nextResource, target, path, visited)) {
						return true;
					}
				}
			}
			path.remove(path.size() - 1);
		}
		return false;
	}

	// ---- queries

	LockInfo lockInfo(ResourceType type, String name) {
		Resource resource = this.resources.get(Ref.of(type, name));
		if (resource == null) {
			return new LockInfo(name, type.lockKind(), List.of(), List.of());
		}
		return lockInfo(resource);
	}

	private LockInfo lockInfo(Resource resource) {
		List<LockHolder> holders = new ArrayList<>();
		for (Hold hold : resource.holds) {
			holders.add(new LockHolder(this.ctx.owner(hold.owner), hold.mode, hold.token, hold.count,
					Instant.ofEpochMilli(hold.since), instantOrNull(hold.leaseExpiry)));
		}
		List<LockWaiter> waiters = new ArrayList<>();
		for (Waiter waiter : resource.waiters) {
			waiters.add(new LockWaiter(this.ctx.owner(waiter.owner), waiter.mode, Instant.ofEpochMilli(waiter.since)));
		}
		return new LockInfo(resource.name, resource.type.lockKind(), holders, waiters);
	}

	SemaphoreInfo semaphoreInfo(String name, int permits) {
		Resource resource = this.resources.get(Ref.of(ResourceType.SEMAPHORE, name));
		if (resource == null) {
			return new SemaphoreInfo(name, permits, permits, List.of(), List.of());
		}
		return semaphoreInfo(resource);
	}

	private SemaphoreInfo semaphoreInfo(Resource resource) {
		List<SemaphoreInfo.Holder> holders = new ArrayList<>();
		for (Hold hold : resource.holds) {
			holders.add(new SemaphoreInfo.Holder(this.ctx.owner(hold.owner), hold.permits, hold.token,
					Instant.ofEpochMilli(hold.since), instantOrNull(hold.leaseExpiry)));
		}
		List<SemaphoreInfo.Waiter> waiters = new ArrayList<>();
		for (Waiter waiter : resource.waiters) {
			waiters.add(new SemaphoreInfo.Waiter(this.ctx.owner(waiter.owner), waiter.permits,
					Instant.ofEpochMilli(waiter.since)));
		}
		return new SemaphoreInfo(resource.name, resource.total, resource.total - resource.usedPermits(), holders,
				waiters);
	}

	boolean isHeld(ResourceType type, String name, long token) {
		Resource resource = this.resources.get(Ref.of(type, name));
		if (resource != null) {
			for (Hold hold : resource.holds) {
				if (hold.token == token) {
					return true;
				}
			}
		}
		return false;
	}

	List<LockInfo> locks() {
		List<LockInfo> locks = new ArrayList<>();
		for (Resource resource : this.resources.values()) {
			if (resource.type != ResourceType.SEMAPHORE) {
				locks.add(lockInfo(resource));
			}
		}
		return locks;
	}

	List<SemaphoreInfo> semaphores() {
		List<SemaphoreInfo> semaphores = new ArrayList<>();
		for (Resource resource : this.resources.values()) {
			if (resource.type == ResourceType.SEMAPHORE) {
				semaphores.add(semaphoreInfo(resource));
			}
		}
		return semaphores;
	}

	List<DeadlockReport> deadlocks() {
		return List.copyOf(this.deadlocks);
	}

	// ---- snapshot

	List<Snapshot.ResourceData> toData() {
		List<Snapshot.ResourceData> data = new ArrayList<>();
		for (Resource resource : this.resources.values()) {
			List<Snapshot.HoldData> holds = new ArrayList<>();
			for (Hold hold : resource.holds) {
				holds.add(new Snapshot.HoldData(hold.owner.session(), hold.owner.id(), hold.mode, hold.permits,
						hold.token, hold.since, hold.count, hold.leaseExpiry));
			}
			List<Snapshot.WaiterData> waiters = new ArrayList<>();
			for (Waiter waiter : resource.waiters) {
				waiters.add(new Snapshot.WaiterData(waiter.requestId, waiter.owner.session(), waiter.owner.id(),
						waiter.mode, waiter.permits, waiter.leaseMillis, waiter.since, waiter.waitUntil,
						waiter.failOnDeadlock));
			}
			data.add(new Snapshot.ResourceData(resource.type, resource.name, resource.total, holds, waiters));
		}
		return data;
	}

	void restore(List<Snapshot.ResourceData> data, List<DeadlockReport> reports) {
		this.resources.clear();
		this.waitsOf.clear();
		this.deadlocks.clear();
		this.deadlocks.addAll(reports);
		for (Snapshot.ResourceData resourceData : data) {
			Resource resource = new Resource(resourceData.type(), resourceData.name(), resourceData.total());
			this.resources.put(resource.ref(), resource);
			for (Snapshot.HoldData h : resourceData.holds()) {
				addHold(resource, new Hold(new OwnerKey(h.session(), h.owner()), h.mode(), h.permits(), h.token(),
						h.since(), h.count(), h.leaseExpiry()));
			}
			for (Snapshot.WaiterData w : resourceData.waiters()) {
				enqueue(resource, new Waiter(w.requestId(), new OwnerKey(w.session(), w.owner()), w.mode(),
						w.permits(), w.leaseMillis(), w.since(), w.waitUntil(), w.failOnDeadlock()));
			}
		}
	}

	// ---- helpers

	private static LockMode checkMode(ResourceType type, LockMode mode) {
		require(mode, "mode");
		boolean valid = switch (type) {
			case LOCK, SEMAPHORE -> mode == LockMode.EXCLUSIVE;
			case RW_LOCK -> mode == LockMode.READ || mode == LockMode.WRITE;
		};
		if (!valid) {
			throw new IllegalArgumentException("Mode " + mode + " does not apply to a " + type.noun());
		}
		return mode;
	}

	private static <T> T require(T value, String what) {
		if (value == null) {
			throw new IllegalArgumentException(what + " must not be null");
		}
		return value;
	}

	private static Instant instantOrNull(long epochMillis) {
		return (epochMillis > 0) ? Instant.ofEpochMilli(epochMillis) : null;
	}

}
