package io.coordination.core.internal.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.coordination.core.internal.protocol.Command;
import io.coordination.core.internal.protocol.ErrorCode;
import io.coordination.core.internal.protocol.Inspection;
import io.coordination.core.internal.protocol.ProtocolCodec;
import io.coordination.core.internal.protocol.Query;
import io.coordination.core.internal.protocol.Result;
import io.coordination.core.internal.protocol.StoreLimits;
import io.coordination.core.internal.state.StateContext.PendingKey;

/**
 * The coordination state machine: sessions, locks, read-write locks, semaphores, elections and barriers, with fencing
 * tokens minted from the Raft index of each grant.
 * <p>
 * Pure and deterministic: no I/O, no threads, no clock. Time is the log time the caller passes with each call (the
 * Raft leader's clock when it appended the entry, never going backwards); everything that depends on time (lease
 * expiry, wait limits) happens on the first call whose log time reaches it. Every replica that applies the same calls
 * reaches the same state and produces the same results and events. Not thread-safe: Raft applies one entry at a time.
 */
public final class CoordinationStateMachine {

	private final StateContext ctx = new StateContext();

	private final KvStore kv;

	private final ResourceTable resources = new ResourceTable(this.ctx);

	private final ElectionTable elections = new ElectionTable(this.ctx);

	private final BarrierTable barriers = new BarrierTable(this.ctx);

	private final KvCommands kvCommands;

	private final ConfigTable config;

	private final ServiceTable services;

	private final GroupTable groups;

	/**
	 * A state machine keeping the documented key-value history.
	 */
	public CoordinationStateMachine() {
		this(KvStore.defaultHistoryLimit());
	}

	/**
	 * A state machine keeping a given number of key-value changes for watches (tests use a small one).
	 * @param historyLimit changes kept
	 */
	public CoordinationStateMachine(int historyLimit) {
		this.kv = new KvStore(this.ctx, historyLimit);
		this.kvCommands = new KvCommands(this.kv);
		this.config = new ConfigTable(this.ctx, this.kv);
		this.services = new ServiceTable(this.ctx, this.kv);
		this.groups = new GroupTable(this.ctx, this.kv);
	}

	/**
	 * A client session was opened. Records it only: time moves with {@link #tick}, which Raft calls before, so that
	 * re-registering the sessions of a snapshot being installed changes nothing else.
	 * @param session session id
	 * @param member id of the member the session belongs to
	 */
	public void openSession(long session, String member) {
		this.ctx.sessions.put(session, member);
	}

	/**
	 * A session expired or was closed: everything it held is released and waiters are granted, in FIFO order.
	 * @param session session id
	 * @param index Raft index
	 * @param logTime log time
	 */
	public void endSession(long session, long index, long logTime) {
		advance(index, logTime);
		this.ctx.sessions.remove(session);
		Set<Ref> refs = this.ctx.involvement.remove(session);
		List<String> keys = new ArrayList<>();
		if (refs != null) {
			for (Ref ref : new ArrayList<>(refs)) {
				switch (ref.kind()) {
					case LOCK, RW_LOCK, SEMAPHORE -> this.resources.sessionEnded(ref, session);
					case ELECTION -> this.elections.sessionEnded(ref.name(), session);
					case BARRIER, DOUBLE_BARRIER -> this.barriers.sessionEnded(ref, session);
					case KEY -> keys.add(ref.name());
				}
			}
		}
		this.kv.sessionEnded(session, keys);
		this.ctx.involvement.remove(session);
		this.ctx.pending.keySet().removeIf((key) -> key.session() == session);
	}

	/**
	 * Log time advanced without a command of ours (a keep-alive, another service's entry).
	 * @param index Raft index
	 * @param logTime log time
	 */
	public void tick(long index, long logTime) {
		advance(index, logTime);
	}

	/**
	 * Sets the budgets of stored data for the commands of the next entry (they travel with the entry).
	 * @param limits the budgets, {@code null} for the defaults
	 */
	public void limits(StoreLimits limits) {
		this.ctx.limits = (limits != null) ? limits : StoreLimits.DEFAULT;
	}

	/**
	 * Bytes of keys and values the key-value history holds.
	 * @return the size
	 */
	public long kvHistoryBytes() {
		return this.kv.historyBytes();
	}

	/**
	 * Applies one command.
	 * @param command the command
	 * @param index Raft index of the entry that carries it
	 * @param logTime log time of that entry
	 * @param session the submitting session
	 * @return the result; never throws for bad input (it answers {@link ErrorCode#INVALID_ARGUMENT})
	 */
	public Result apply(Command command, long index, long logTime, long session) {
		advance(index, logTime);
		if (!this.ctx.sessions.containsKey(session)) {
			this.ctx.sessions.put(session, "unknown");
		}
		try {
			return dispatch(command, session);
		}
		catch (IllegalArgumentException ex) {
			return Result.Failed.of(ErrorCode.INVALID_ARGUMENT, ex.getMessage());
		}
		catch (KvStore.QuotaExceeded ex) {
			return Result.Failed.of(ErrorCode.QUOTA_EXCEEDED, ex.getMessage());
		}
		catch (RuntimeException ex) {
			// Every replica fails the same way (apply is deterministic); answer instead of failing the whole entry.
			return Result.Failed.of(ErrorCode.INTERNAL,
					"Command " + command.getClass().getSimpleName() + " failed: " + ex);
		}
		catch (Error ex) {
			if (ex instanceof VirtualMachineError && !(ex instanceof StackOverflowError)) {
				throw ex; // the JVM itself is in trouble (out of memory, internal error): nothing to answer
			}
			// a linkage or assertion error, or a stack overflow the input bounds should have prevented: answered
			// like any other failure rather than escaping into Atomix's apply loop
			return Result.Failed.of(ErrorCode.INTERNAL,
					"Command " + command.getClass().getSimpleName() + " failed: " + ex);
		}
	}

	private Result dispatch(Command command, long session) {
		if (command instanceof Command.Acquire acquire) {
			return this.resources.acquire(session, acquire);
		}
		if (command instanceof Command.Release release) {
			return this.resources.release(session, release);
		}
		if (command instanceof Command.Cancel cancel) {
			return cancel(session, cancel.requestId());
		}
		if (command instanceof Command.ForceRelease force) {
			return this.resources.forceRelease(force);
		}
		if (command instanceof Command.Join join) {
			return this.elections.join(session, join);
		}
		if (command instanceof Command.Leave leave) {
			return this.elections.leave(session, leave);
		}
		if (command instanceof Command.Watch watch) {
			return this.elections.watch(session, watch);
		}
		if (command instanceof Command.AwaitBarrier await) {
			return this.barriers.await(session, await);
		}
		if (command instanceof Command.EnterDoubleBarrier enter) {
			return this.barriers.enter(session, enter);
		}
		if (command instanceof Command.LeaveDoubleBarrier leave) {
			return this.barriers.leave(session, leave);
		}
		if (command instanceof Command.Ping) {
			return Result.DONE;
		}
		if (command instanceof Command.KvPut put) {
			return this.kvCommands.put(session, put);
		}
		if (command instanceof Command.KvDelete delete) {
			return this.kvCommands.delete(delete);
		}
		if (command instanceof Command.KvSequential sequential) {
			return this.kvCommands.sequential(session, sequential);
		}
		if (command instanceof Command.KvRefresh refresh) {
			return this.kvCommands.refresh(refresh);
		}
		if (command instanceof Command.KvTxn txn) {
			return this.kvCommands.txn(session, txn);
		}
		if (command instanceof Command.KvWatch watch) {
			return this.kvCommands.watch(session, watch);
		}
		if (command instanceof Command.KvUnwatch unwatch) {
			return this.kvCommands.unwatch(session, unwatch);
		}
		if (command instanceof Command.ConfigApply apply) {
			return this.config.apply(apply);
		}
		if (command instanceof Command.ConfigRollback rollback) {
			return this.config.rollback(rollback);
		}
		if (command instanceof Command.ConfigPromote promote) {
			return this.config.promote(promote);
		}
		if (command instanceof Command.ConfigAbort abort) {
			return this.config.abort(abort);
		}
		if (command instanceof Command.ConfigConfigure configure) {
			return this.config.configure(configure);
		}
		if (command instanceof Command.ServiceRegister register) {
			return this.services.register(session, register);
		}
		if (command instanceof Command.ServiceHeartbeat heartbeat) {
			return this.services.heartbeat(heartbeat);
		}
		if (command instanceof Command.ServiceHealth health) {
			return this.services.health(health);
		}
		if (command instanceof Command.ServiceDeregister deregister) {
			return this.services.deregister(deregister);
		}
		if (command instanceof Command.GroupJoin join) {
			return this.groups.join(session, join);
		}
		if (command instanceof Command.GroupLeave leave) {
			return this.groups.leave(session, leave);
		}
		throw new IllegalArgumentException("Unknown command " + command);
	}

	private Result cancel(long session, long requestId) {
		Ref ref = this.ctx.pending.get(new PendingKey(session, requestId));
		if (ref == null) {
			return Result.UNCHANGED;
		}
		return switch (ref.kind()) {
			case LOCK, RW_LOCK, SEMAPHORE -> this.resources.cancel(ref, session, requestId);
			case BARRIER -> this.barriers.cancelAwait(ref.name(), session, requestId);
			case DOUBLE_BARRIER -> this.barriers.cancelDouble(ref.name(), session, requestId);
			case ELECTION, KEY -> Result.UNCHANGED;
		};
	}

	/**
	 * Answers a read; changes nothing.
	 * @param query the query
	 * @return the answer, of the type the query documents
	 */
	public Object query(Query query) {
		if (query instanceof Query.DescribeLock lock) {
			return this.resources.lockInfo(lock.type(), lock.name());
		}
		if (query instanceof Query.DescribeSemaphore semaphore) {
			return this.resources.semaphoreInfo(semaphore.name(), semaphore.permits());
		}
		if (query instanceof Query.DescribeElection election) {
			return this.elections.info(election.group());
		}
		if (query instanceof Query.DescribeBarrier barrier) {
			return this.barriers.info(barrier.name(), barrier.type(), barrier.parties());
		}
		if (query instanceof Query.IsHeld held) {
			return this.resources.isHeld(held.type(), held.name(), held.token());
		}
		if (query instanceof Query.KvGet || query instanceof Query.KvRange || query instanceof Query.KvRevision) {
			return this.kvCommands.query(query);
		}
		if (query instanceof Query.ConfigDocumentQuery document) {
			return this.config.describe(document.application(), document.profile());
		}
		if (query instanceof Query.ConfigHistory history) {
			return this.config.history(history.application(), history.profile());
		}
		if (query instanceof Query.ConfigEffective effective) {
			return this.config.effective(effective.application(), effective.profile(), effective.instanceId(),
					effective.labels());
		}
		if (query instanceof Query.ServiceInstances instances) {
			return this.services.instances(instances.service());
		}
		if (query instanceof Query.ServiceNames) {
			return this.services.services();
		}
		if (query instanceof Query.GroupMembers members) {
			return this.groups.members(members.group());
		}
		return new Inspection(this.resources.locks(), this.resources.semaphores(), this.elections.elections(),
				this.barriers.barriers(), this.resources.deadlocks());
	}

	/**
	 * Takes the events produced since the last call, in the order they were produced.
	 * @return the events
	 */
	public List<Outbound> drainEvents() {
		if (this.ctx.outbox.isEmpty()) {
			return List.of();
		}
		List<Outbound> events = new ArrayList<>(this.ctx.outbox);
		this.ctx.outbox.clear();
		return events;
	}

	/**
	 * Open sessions and their members.
	 * @return the sessions
	 */
	public Map<Long, String> sessions() {
		return Map.copyOf(this.ctx.sessions);
	}

	/**
	 * Serializes the whole state.
	 * @return the snapshot
	 */
	public byte[] snapshot() {
		List<Snapshot.SessionData> sessions = new ArrayList<>();
		this.ctx.sessions.forEach((id, member) -> sessions.add(new Snapshot.SessionData(id, member)));
		Snapshot snapshot = new Snapshot(Snapshot.VERSION, this.ctx.index, this.ctx.now, this.ctx.mintIndex,
				this.ctx.mintOrdinal, sessions, this.resources.toData(), this.elections.toData(),
				this.barriers.toData(), this.resources.deadlocks(), new ArrayList<>(this.ctx.starved), this.kv.toData(),
				this.services.heartbeats());
		return ProtocolCodec.write(snapshot);
	}

	/**
	 * Replaces the whole state with a snapshot.
	 * @param bytes the snapshot
	 */
	public void restore(byte[] bytes) {
		Snapshot snapshot = ProtocolCodec.read(bytes, Snapshot.class);
		if (snapshot.version() != Snapshot.VERSION) {
			throw new IllegalStateException("Unsupported snapshot version " + snapshot.version());
		}
		this.ctx.index = snapshot.index();
		this.ctx.now = snapshot.now();
		this.ctx.mintIndex = snapshot.mintIndex();
		this.ctx.mintOrdinal = snapshot.mintOrdinal();
		this.ctx.sessions.clear();
		snapshot.sessions().forEach((s) -> this.ctx.sessions.put(s.id(), s.member()));
		this.ctx.involvement.clear();
		this.ctx.pending.clear();
		this.ctx.timers.clear();
		this.ctx.outbox.clear();
		this.ctx.starved.clear();
		this.ctx.starved.addAll(snapshot.starved());
		this.resources.restore(snapshot.resources(), snapshot.deadlocks());
		this.elections.restore(snapshot.elections());
		this.barriers.restore(snapshot.barriers());
		this.kv.restore(snapshot.kv());
		this.services.restore(snapshot.heartbeats());
	}

	private void advance(long index, long logTime) {
		if (index > this.ctx.index) {
			this.ctx.index = index;
		}
		if (logTime > this.ctx.now) {
			this.ctx.now = logTime;
		}
		this.ctx.timers.fireDue(this.ctx.now);
		if (!this.ctx.starved.isEmpty() && this.ctx.canMint()) {
			for (Ref ref : new ArrayList<>(this.ctx.starved)) {
				this.ctx.starved.remove(ref);
				if (ref.kind() == Ref.Kind.ELECTION) {
					this.elections.retry(ref.name());
				}
				else {
					this.resources.retry(ref);
				}
			}
		}
	}

}
