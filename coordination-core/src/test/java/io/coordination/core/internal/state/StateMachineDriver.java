package io.coordination.core.internal.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.coordination.core.internal.protocol.Command;
import io.coordination.core.internal.protocol.Event;
import io.coordination.core.internal.protocol.Inspection;
import io.coordination.core.internal.protocol.Query;
import io.coordination.core.internal.protocol.ResourceType;
import io.coordination.core.internal.protocol.Result;
import io.coordination.lock.LockMode;

/**
 * Drives a state machine as Raft would: every call is a new log entry with an increasing index; log time only moves
 * when the test says so. Collects the events each session receives.
 */
final class StateMachineDriver {

	final CoordinationStateMachine machine;

	long index;

	long now = 1_000_000L;

	private long requestIds;

	final List<Outbound> events = new ArrayList<>();

	StateMachineDriver() {
		this(new CoordinationStateMachine());
	}

	StateMachineDriver(CoordinationStateMachine machine) {
		this.machine = machine;
	}

	void open(long session) {
		this.machine.tick(++this.index, this.now);
		this.machine.openSession(session, "member-" + session);
		collect();
	}

	/** Opens sessions 1 to {@code count}. */
	void openSessions(int count) {
		for (long session = 1; session <= count; session++) {
			open(session);
		}
	}

	void expire(long session) {
		this.machine.endSession(session, ++this.index, this.now);
		collect();
	}

	Result apply(long session, Command command) {
		Result result = this.machine.apply(command, ++this.index, this.now, session);
		collect();
		return result;
	}

	/** Applies several commands at the same index, as one batched Raft entry does. */
	List<Result> applyBatch(long session, Command... commands) {
		this.index++;
		List<Result> results = new ArrayList<>();
		for (Command command : commands) {
			results.add(this.machine.apply(command, this.index, this.now, session));
		}
		collect();
		return results;
	}

	void advance(long millis) {
		this.now += millis;
		this.machine.tick(++this.index, this.now);
		collect();
	}

	Object query(Query query) {
		return this.machine.query(query);
	}

	Inspection inspect() {
		return (Inspection) this.machine.query(new Query.Inspect());
	}

	long nextRequestId() {
		return ++this.requestIds;
	}

	private void collect() {
		this.events.addAll(this.machine.drainEvents());
	}

	List<Event> eventsOf(long session) {
		return this.events.stream().filter((e) -> e.session() == session).map(Outbound::event).toList();
	}

	<E extends Event> List<E> eventsOf(long session, Class<E> type) {
		return eventsOf(session).stream().filter(type::isInstance).map(type::cast).toList();
	}

	Result.Granted grantOf(long session, long requestId) {
		return eventsOf(session, Event.Completed.class).stream()
			.filter((c) -> c.requestId() == requestId && c.result() instanceof Result.Granted)
			.map((c) -> (Result.Granted) c.result())
			.findFirst()
			.orElse(null);
	}

	Result completionOf(long session, long requestId) {
		return eventsOf(session, Event.Completed.class).stream()
			.filter((c) -> c.requestId() == requestId)
			.map(Event.Completed::result)
			.findFirst()
			.orElse(null);
	}

	// ---- command shorthands

	Command.Acquire lock(long requestId, String name, String owner, long waitMillis) {
		return acquire(requestId, ResourceType.LOCK, name, owner, LockMode.EXCLUSIVE, 1, 0, 0, waitMillis, false);
	}

	Command.Acquire lease(long requestId, String name, String owner, long leaseMillis, long waitMillis) {
		return acquire(requestId, ResourceType.LOCK, name, owner, LockMode.EXCLUSIVE, 1, 0, leaseMillis, waitMillis,
				false);
	}

	Command.Acquire rw(long requestId, String name, String owner, LockMode mode, long waitMillis) {
		return acquire(requestId, ResourceType.RW_LOCK, name, owner, mode, 1, 0, 0, waitMillis, false);
	}

	Command.Acquire permits(long requestId, String name, String owner, int permits, int total, long waitMillis) {
		return acquire(requestId, ResourceType.SEMAPHORE, name, owner, LockMode.EXCLUSIVE, permits, total, 0,
				waitMillis, false);
	}

	static Command.Acquire acquire(long requestId, ResourceType type, String name, String owner, LockMode mode,
			int permits, int total, long leaseMillis, long waitMillis, boolean failOnDeadlock) {
		return new Command.Acquire(requestId, type, name, owner, mode, permits, total, leaseMillis, waitMillis,
				failOnDeadlock);
	}

	static Command.Release unlock(String name, String owner, long token) {
		return new Command.Release(ResourceType.LOCK, name, owner, LockMode.EXCLUSIVE, token);
	}

	static Command.Join join(String group, String candidate) {
		return new Command.Join(group, candidate, "main", Map.of());
	}

}
