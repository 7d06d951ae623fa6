package io.coordination.core.internal.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.coordination.InputRules;
import io.coordination.barrier.BarrierInfo;
import io.coordination.core.internal.protocol.Command;
import io.coordination.core.internal.protocol.ErrorCode;
import io.coordination.core.internal.protocol.Event;
import io.coordination.core.internal.protocol.Result;
import io.coordination.core.internal.state.StateContext.PendingKey;

/**
 * Cyclic barriers and double barriers. A barrier exists while someone waits at it or is inside it; its party count is
 * fixed while it exists. A completion reports the Raft index it happened at as its generation.
 */
final class BarrierTable {

	/** Marks a participant with no request waiting. */
	private static final long NO_REQUEST = -1;

	private final StateContext ctx;

	private final TreeMap<String, Barrier> barriers = new TreeMap<>();

	private final TreeMap<String, DoubleBarrier> doubles = new TreeMap<>();

	BarrierTable(StateContext ctx) {
		this.ctx = ctx;
	}

	// ---- cyclic barrier

	Result await(long session, Command.AwaitBarrier command) {
		InputRules.name("barrier", command.name());
		InputRules.name("owner", command.owner());
		InputRules.positive("party count", command.parties());
		Barrier barrier = this.barriers.get(command.name());
		if (barrier != null && barrier.parties != command.parties()) {
			return mismatch(command.name(), command.parties(), barrier.parties);
		}
		Result duplicate = duplicate(session, command.requestId());
		if (duplicate != null) {
			return duplicate;
		}
		OwnerKey owner = new OwnerKey(session, command.owner());
		if (barrier != null && barrier.waiting.containsKey(owner)) {
			return Result.Failed.of(ErrorCode.ALREADY_ENTERED,
					"Owner " + owner.id() + " already waits at barrier '" + command.name() + "'");
		}
		if (barrier == null) {
			barrier = new Barrier(command.name(), command.parties());
			this.barriers.put(barrier.name, barrier);
		}
		if (barrier.waiting.size() + 1 >= barrier.parties) {
			long generation = this.ctx.index;
			for (Map.Entry<OwnerKey, Long> entry : barrier.waiting.entrySet()) {
				complete(entry.getKey(), entry.getValue(), new Result.Tripped(generation));
				this.ctx.uninvolve(entry.getKey().session(), ref(barrier));
			}
			this.barriers.remove(barrier.name);
			return new Result.Tripped(generation);
		}
		barrier.waiting.put(owner, command.requestId());
		this.ctx.pending.put(new PendingKey(session, command.requestId()), ref(barrier));
		this.ctx.involve(session, ref(barrier));
		return new Result.Queued();
	}

	Result cancelAwait(String name, long session, long requestId) {
		Barrier barrier = this.barriers.get(name);
		if (barrier == null) {
			return Result.UNCHANGED;
		}
		for (Map.Entry<OwnerKey, Long> entry : barrier.waiting.entrySet()) {
			if (entry.getKey().session() == session && entry.getValue() == requestId) {
				barrier.waiting.remove(entry.getKey());
				this.ctx.pending.remove(new PendingKey(session, requestId));
				afterRemoval(barrier, session);
				return Result.DONE;
			}
		}
		return Result.UNCHANGED;
	}

	// ---- double barrier

	Result enter(long session, Command.EnterDoubleBarrier command) {
		InputRules.name("barrier", command.name());
		InputRules.name("owner", command.owner());
		InputRules.positive("party count", command.parties());
		DoubleBarrier barrier = this.doubles.get(command.name());
		if (barrier != null && barrier.parties != command.parties()) {
			return mismatch(command.name(), command.parties(), barrier.parties);
		}
		Result duplicate = duplicate(session, command.requestId());
		if (duplicate != null) {
			return duplicate;
		}
		OwnerKey owner = new OwnerKey(session, command.owner());
		if (barrier != null && (barrier.inside.containsKey(owner) || barrier.leaving.containsKey(owner))) {
			return Result.Failed.of(ErrorCode.ALREADY_ENTERED,
					"Owner " + owner.id() + " already entered double barrier '" + command.name() + "'");
		}
		if (barrier == null) {
			barrier = new DoubleBarrier(command.name(), command.parties());
			this.doubles.put(barrier.name, barrier);
		}
		this.ctx.involve(session, ref(barrier));
		if (barrier.ready) {
			barrier.inside.put(owner, NO_REQUEST);
			return new Result.Tripped(barrier.generation);
		}
		if (barrier.inside.size() + 1 >= barrier.parties) {
			barrier.ready = true;
			barrier.generation = this.ctx.index;
			for (Map.Entry<OwnerKey, Long> entry : barrier.inside.entrySet()) {
				if (entry.getValue() != NO_REQUEST) {
					complete(entry.getKey(), entry.getValue(), new Result.Tripped(barrier.generation));
					entry.setValue(NO_REQUEST);
				}
			}
			barrier.inside.put(owner, NO_REQUEST);
			return new Result.Tripped(barrier.generation);
		}
		barrier.inside.put(owner, command.requestId());
		this.ctx.pending.put(new PendingKey(session, command.requestId()), ref(barrier));
		return new Result.Queued();
	}

	Result leave(long session, Command.LeaveDoubleBarrier command) {
		InputRules.name("barrier", command.name());
		InputRules.name("owner", command.owner());
		DoubleBarrier barrier = this.doubles.get(command.name());
		OwnerKey owner = new OwnerKey(session, command.owner());
		if (barrier == null || !barrier.inside.containsKey(owner)) {
			return Result.Failed.of(ErrorCode.NOT_ENTERED,
					"Owner " + owner.id() + " is not inside double barrier '" + command.name() + "'");
		}
		Result duplicate = duplicate(session, command.requestId());
		if (duplicate != null) {
			return duplicate;
		}
		long enterRequest = barrier.inside.remove(owner);
		if (enterRequest != NO_REQUEST) {
			this.ctx.pending.remove(new PendingKey(session, enterRequest));
		}
		if (barrier.inside.isEmpty()) {
			long generation = barrier.generation;
			releaseLeavers(barrier);
			this.ctx.uninvolve(session, ref(barrier));
			dropIfIdle(barrier);
			return new Result.Tripped(generation);
		}
		barrier.leaving.put(owner, command.requestId());
		this.ctx.pending.put(new PendingKey(session, command.requestId()), ref(barrier));
		return new Result.Queued();
	}

	Result cancelDouble(String name, long session, long requestId) {
		DoubleBarrier barrier = this.doubles.get(name);
		if (barrier == null) {
			return Result.UNCHANGED;
		}
		OwnerKey found = find(barrier.inside, session, requestId);
		if (found != null) {
			barrier.inside.remove(found);
		}
		else {
			found = find(barrier.leaving, session, requestId);
			if (found == null) {
				return Result.UNCHANGED;
			}
			barrier.leaving.remove(found);
		}
		this.ctx.pending.remove(new PendingKey(session, requestId));
		afterDoubleRemoval(barrier, session);
		return Result.DONE;
	}

	// ---- sessions

	void sessionEnded(Ref ref, long session) {
		if (ref.kind() == Ref.Kind.BARRIER) {
			Barrier barrier = this.barriers.get(ref.name());
			if (barrier != null) {
				barrier.waiting.entrySet().removeIf((entry) -> ended(entry, session));
				dropIfIdle(barrier);
			}
		}
		else {
			DoubleBarrier barrier = this.doubles.get(ref.name());
			if (barrier != null) {
				barrier.inside.entrySet().removeIf((entry) -> ended(entry, session));
				barrier.leaving.entrySet().removeIf((entry) -> ended(entry, session));
				afterDoubleRemoval(barrier, session);
			}
		}
	}

	private boolean ended(Map.Entry<OwnerKey, Long> entry, long session) {
		if (entry.getKey().session() != session) {
			return false;
		}
		if (entry.getValue() != NO_REQUEST) {
			this.ctx.pending.remove(new PendingKey(session, entry.getValue()));
		}
		return true;
	}

	// ---- helpers

	private void afterRemoval(Barrier barrier, long session) {
		if (!barrier.involves(session)) {
			this.ctx.uninvolve(session, ref(barrier));
		}
		dropIfIdle(barrier);
	}

	private void afterDoubleRemoval(DoubleBarrier barrier, long session) {
		if (barrier.inside.isEmpty() && !barrier.leaving.isEmpty()) {
			releaseLeavers(barrier);
		}
		if (!barrier.involves(session)) {
			this.ctx.uninvolve(session, ref(barrier));
		}
		dropIfIdle(barrier);
	}

	private void releaseLeavers(DoubleBarrier barrier) {
		for (Map.Entry<OwnerKey, Long> entry : barrier.leaving.entrySet()) {
			complete(entry.getKey(), entry.getValue(), new Result.Tripped(barrier.generation));
			this.ctx.uninvolve(entry.getKey().session(), ref(barrier));
		}
		barrier.leaving.clear();
		barrier.ready = false;
	}

	private void complete(OwnerKey owner, long requestId, Result result) {
		this.ctx.pending.remove(new PendingKey(owner.session(), requestId));
		this.ctx.send(owner.session(), new Event.Completed(requestId, result));
	}

	private Result duplicate(long session, long requestId) {
		if (this.ctx.pending.containsKey(new PendingKey(session, requestId))) {
			return Result.Failed.of(ErrorCode.DUPLICATE_REQUEST,
					"Request " + requestId + " is already waiting in session " + session);
		}
		return null;
	}

	private static Result mismatch(String name, int expected, int actual) {
		return new Result.Failed(ErrorCode.PARTIES_MISMATCH,
				"Barrier '" + name + "' is in use with " + actual + " parties, not " + expected, expected, actual, null);
	}

	private static OwnerKey find(Map<OwnerKey, Long> entries, long session, long requestId) {
		for (Map.Entry<OwnerKey, Long> entry : entries.entrySet()) {
			if (entry.getKey().session() == session && entry.getValue() == requestId) {
				return entry.getKey();
			}
		}
		return null;
	}

	private void dropIfIdle(Barrier barrier) {
		if (barrier.waiting.isEmpty()) {
			this.barriers.remove(barrier.name);
		}
	}

	private void dropIfIdle(DoubleBarrier barrier) {
		if (barrier.inside.isEmpty() && barrier.leaving.isEmpty()) {
			this.doubles.remove(barrier.name);
		}
	}

	private static Ref ref(Barrier barrier) {
		return new Ref(Ref.Kind.BARRIER, barrier.name);
	}

	private static Ref ref(DoubleBarrier barrier) {
		return new Ref(Ref.Kind.DOUBLE_BARRIER, barrier.name);
	}

	// ---- queries

	BarrierInfo info(String name, BarrierInfo.Type type, int parties) {
		if (type == BarrierInfo.Type.CYCLIC) {
			Barrier barrier = this.barriers.get(name);
			return (barrier != null) ? info(barrier) : new BarrierInfo(name, type, parties, 0, List.of());
		}
		DoubleBarrier barrier = this.doubles.get(name);
		return (barrier != null) ? info(barrier) : new BarrierInfo(name, type, parties, 0, List.of());
	}

	private BarrierInfo info(Barrier barrier) {
		return new BarrierInfo(barrier.name, BarrierInfo.Type.CYCLIC, barrier.parties, 0,
				barrier.waiting.keySet().stream().map(this.ctx::owner).toList());
	}

	private BarrierInfo info(DoubleBarrier barrier) {
		return new BarrierInfo(barrier.name, BarrierInfo.Type.DOUBLE, barrier.parties, barrier.generation,
				barrier.inside.keySet().stream().map(this.ctx::owner).toList());
	}

	List<BarrierInfo> barriers() {
		List<BarrierInfo> infos = new ArrayList<>();
		this.barriers.values().forEach((barrier) -> infos.add(info(barrier)));
		this.doubles.values().forEach((barrier) -> infos.add(info(barrier)));
		return infos;
	}

	// ---- snapshot

	List<Snapshot.BarrierData> toData() {
		List<Snapshot.BarrierData> data = new ArrayList<>();
		for (Barrier barrier : this.barriers.values()) {
			data.add(new Snapshot.BarrierData(barrier.name, BarrierInfo.Type.CYCLIC, barrier.parties, false, 0,
					entries(barrier.waiting), List.of()));
		}
		for (DoubleBarrier barrier : this.doubles.values()) {
			data.add(new Snapshot.BarrierData(barrier.name, BarrierInfo.Type.DOUBLE, barrier.parties, barrier.ready,
					barrier.generation, entries(barrier.inside), entries(barrier.leaving)));
		}
		return data;
	}

	private static List<Snapshot.EntryData> entries(Map<OwnerKey, Long> entries) {
		List<Snapshot.EntryData> data = new ArrayList<>();
		entries.forEach((owner, request) -> data.add(new Snapshot.EntryData(owner.session(), owner.id(), request)));
		return data;
	}

	void restore(List<Snapshot.BarrierData> data) {
		this.barriers.clear();
		this.doubles.clear();
		for (Snapshot.BarrierData b : data) {
			if (b.type() == BarrierInfo.Type.CYCLIC) {
				Barrier barrier = new Barrier(b.name(), b.parties());
				restoreEntries(b.first(), barrier.waiting, ref(barrier));
				this.barriers.put(barrier.name, barrier);
			}
			else {
				DoubleBarrier barrier = new DoubleBarrier(b.name(), b.parties());
				barrier.ready = b.ready();
				barrier.generation = b.generation();
				restoreEntries(b.first(), barrier.inside, ref(barrier));
				restoreEntries(b.second(), barrier.leaving, ref(barrier));
				this.doubles.put(barrier.name, barrier);
			}
		}
	}

	private void restoreEntries(List<Snapshot.EntryData> data, Map<OwnerKey, Long> into, Ref ref) {
		for (Snapshot.EntryData e : data) {
			into.put(new OwnerKey(e.session(), e.owner()), e.requestId());
			this.ctx.involve(e.session(), ref);
			if (e.requestId() != NO_REQUEST) {
				this.ctx.pending.put(new PendingKey(e.session(), e.requestId()), ref);
			}
		}
	}

	private static final class Barrier {

		final String name;

		final int parties;

		final LinkedHashMap<OwnerKey, Long> waiting = new LinkedHashMap<>();

		Barrier(String name, int parties) {
			this.name = name;
			this.parties = parties;
		}

		boolean involves(long session) {
			return this.waiting.keySet().stream().anyMatch((owner) -> owner.session() == session);
		}

	}

	private static final class DoubleBarrier {

		final String name;

		final int parties;

		boolean ready;

		long generation;

		/** Participants inside, with their waiting enter request or {@link #NO_REQUEST}. */
		final LinkedHashMap<OwnerKey, Long> inside = new LinkedHashMap<>();

		/** Participants that left and wait for the others to leave, with their leave request. */
		final LinkedHashMap<OwnerKey, Long> leaving = new LinkedHashMap<>();

		DoubleBarrier(String name, int parties) {
			this.name = name;
			this.parties = parties;
		}

		boolean involves(long session) {
			return this.inside.keySet().stream().anyMatch((owner) -> owner.session() == session)
					|| this.leaving.keySet().stream().anyMatch((owner) -> owner.session() == session);
		}

	}

}
