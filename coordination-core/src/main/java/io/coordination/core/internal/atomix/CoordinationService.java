package io.coordination.core.internal.atomix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atomix.primitive.event.PrimitiveEvent;
import io.atomix.primitive.service.BackupInput;
import io.atomix.primitive.service.BackupOutput;
import io.atomix.primitive.service.Commit;
import io.atomix.primitive.service.PrimitiveService;
import io.atomix.primitive.service.ServiceContext;
import io.atomix.primitive.session.Session;
import io.atomix.primitive.session.SessionId;
import io.atomix.utils.serializer.Namespaces;
import io.atomix.utils.serializer.Serializer;
import io.atomix.utils.time.WallClockTimestamp;

import io.coordination.core.internal.protocol.Command;
import io.coordination.core.internal.protocol.Event;
import io.coordination.core.internal.protocol.ProtocolCodec;
import io.coordination.core.internal.protocol.ProtocolException;
import io.coordination.core.internal.protocol.Result;
import io.coordination.core.internal.state.CoordinationStateMachine;
import io.coordination.core.internal.state.Outbound;

/**
 * Runs the {@link CoordinationStateMachine} as an Atomix primitive service on a Raft partition. Atomix hands us the
 * entry's index, its log time and the session; we hand back bytes and publish each session's events in one message
 * per entry. Runs on the partition's state machine thread only.
 */
final class CoordinationService implements PrimitiveService {

	private static final Serializer SERIALIZER = Serializer.using(Namespaces.BASIC);

	private final CoordinationStateMachine machine = new CoordinationStateMachine();

	private final Map<SessionId, Session<?>> sessions = new HashMap<>();

	private ServiceContext context;

	@Override
	public void init(ServiceContext context) {
		this.context = context;
	}

	@Override
	public void tick(WallClockTimestamp timestamp) {
		this.machine.tick(this.context.currentIndex(), timestamp.unixTimestamp());
		publish();
	}

	@Override
	public Serializer serializer() {
		return SERIALIZER;
	}

	@Override
	public byte[] apply(Commit<byte[]> commit) {
		String operation = commit.operation().id();
		if (CoordinationPrimitiveType.EXECUTE.id().equals(operation)) {
			return execute(commit);
		}
		if (CoordinationPrimitiveType.QUERY.id().equals(operation)) {
			return ProtocolCodec.encodeAnswer(this.machine.query(ProtocolCodec.decodeQuery(commit.value())));
		}
		throw new IllegalArgumentException("Unknown operation " + operation);
	}

	private byte[] execute(Commit<byte[]> commit) {
		ProtocolCodec.Batch batch;
		try {
			batch = ProtocolCodec.decodeBatch(commit.value());
		}
		catch (ProtocolException ex) {
			// Deterministic on every replica; the client sees the error and nothing changed.
			throw new IllegalArgumentException(ex.getMessage(), ex);
		}
		long index = commit.index();
		long logTime = commit.wallClockTime().unixTimestamp();
		long session = commit.session().sessionId().id();
		List<Command> commands = batch.commands();
		List<Result> results = new ArrayList<>(commands.size());
		this.machine.limits(batch.limits());
		for (Command command : commands) {
			// apply() answers every failure with a result: one bad command never fails the others of the batch
			results.add(this.machine.apply(command, index, logTime, session));
		}
		publish();
		return ProtocolCodec.encodeResults(results);
	}

	private void publish() {
		List<Outbound> outbound = this.machine.drainEvents();
		if (outbound.isEmpty()) {
			return;
		}
		Map<Long, List<Event>> bySession = new LinkedHashMap<>();
		for (Outbound event : outbound) {
			bySession.computeIfAbsent(event.session(), (s) -> new ArrayList<>()).add(event.event());
		}
		bySession.forEach((sessionId, events) -> {
			Session<?> session = this.sessions.get(SessionId.from(sessionId));
			if (session != null && session.getState().active()) {
				session.publish(PrimitiveEvent.event(CoordinationPrimitiveType.EVENTS, ProtocolCodec.encodeEvents(events)));
			}
		});
	}

	@Override
	public void backup(BackupOutput output) {
		byte[] snapshot = this.machine.snapshot();
		output.writeInt(snapshot.length);
		output.writeBytes(snapshot);
	}

	@Override
	public void restore(BackupInput input) {
		int length = input.readInt();
		this.machine.restore(input.readBytes(length));
	}

	@Override
	public void register(Session session) {
		// Also called for every session of a snapshot being installed, before restore(): only record the session.
		// Time moves through tick(), which Atomix calls before registering a session it opens from the log.
		this.sessions.put(session.sessionId(), session);
		this.machine.openSession(session.sessionId().id(), session.memberId().id());
	}

	@Override
	public void expire(SessionId sessionId) {
		endSession(sessionId);
	}

	@Override
	public void close(SessionId sessionId) {
		endSession(sessionId);
	}

	private void endSession(SessionId sessionId) {
		if (this.sessions.remove(sessionId) != null) {
			this.machine.endSession(sessionId.id(), this.context.currentIndex(),
					this.context.wallClock().getTime().unixTimestamp());
			publish();
		}
	}

}
