package io.coordination.core.internal.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.atomix.primitive.operation.PrimitiveOperation;
import io.atomix.primitive.session.SessionClient;

import io.coordination.core.internal.atomix.CoordinationPrimitiveType;
import io.coordination.core.internal.protocol.ProtocolCodec;
import io.coordination.core.internal.protocol.Query;

/**
 * A query-only session whose reads are sequential: any member answers from its own state, which never goes
 * backwards for this session. Opened on first use; reopened if it is lost.
 */
final class ReadSession implements AutoCloseable {

	private final Supplier<SessionClient> sessions;

	private final Duration timeout;

	private SessionClient session;

	private boolean closed;

	ReadSession(Supplier<SessionClient> sessions, Duration timeout) {
		this.sessions = sessions;
		this.timeout = timeout;
	}

	Object query(Query query, String what) {
		SessionClient current = current(what);
		CompletableFuture<Object> answer = current
			.execute(PrimitiveOperation.operation(CoordinationPrimitiveType.QUERY, ProtocolCodec.encodeQuery(query)))
			.thenApply((bytes) -> ProtocolCodec.decodeAnswer(query, bytes));
		try {
			return Calls.await(answer, this.timeout, what);
		}
		catch (Calls.SessionLostException ex) {
			drop(current);
			return Calls.await(current(what)
				.execute(PrimitiveOperation.operation(CoordinationPrimitiveType.QUERY, ProtocolCodec.encodeQuery(query)))
				.thenApply((bytes) -> ProtocolCodec.decodeAnswer(query, bytes)), this.timeout, what);
		}
	}

	private synchronized SessionClient current(String what) {
		if (this.closed) {
			throw new IllegalStateException("The coordination client is closed");
		}
		if (this.session == null) {
			SessionClient candidate = this.sessions.get();
			CompletableFuture<SessionClient> connecting = candidate.connect();
			try {
				Calls.await(connecting, this.timeout, what);
			}
			catch (RuntimeException ex) {
				// never adopted: close it, also if it connects later
				connecting.whenComplete((connected, error) -> candidate.close());
				candidate.close();
				throw ex;
			}
			this.session = candidate;
		}
		return this.session;
	}

	private synchronized void drop(SessionClient lost) {
		if (this.session == lost) {
			this.session = null;
			lost.close();
		}
	}

	@Override
	public synchronized void close() {
		this.closed = true;
		if (this.session != null) {
			this.session.close();
			this.session = null;
		}
	}

}
