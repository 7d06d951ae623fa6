package io.coordination.core.internal.client;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.atomix.primitive.PrimitiveState;
import io.atomix.primitive.operation.PrimitiveOperation;
import io.atomix.primitive.session.SessionClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.coordination.core.internal.atomix.CoordinationPrimitiveType;
import io.coordination.core.internal.protocol.Command;
import io.coordination.core.internal.protocol.Event;
import io.coordination.core.internal.protocol.ProtocolCodec;
import io.coordination.core.internal.protocol.StoreLimits;
import io.coordination.core.internal.protocol.Query;
import io.coordination.core.internal.protocol.Result;
import io.coordination.session.SessionState;

/**
 * One client session with the coordination state machine, over an Atomix Raft session.
 * <p>
 * <b>Batching.</b> Commands from all threads are queued; whenever fewer than {@code maxInFlight} batches are on the
 * way, everything queued (up to {@code maxBatch}) leaves as one Raft entry. Under load, each entry carries the work of
 * many threads (group commit); alone, a command leaves at once. Commands leave in submission order, and Atomix applies
 * a session's entries in that order.
 * <p>
 * <b>Liveness.</b> The session is known alive up to one session timeout after the send time of the last entry that
 * the cluster applied. When nothing was sent for a third of the timeout, a ping goes out: that keeps the liveness
 * estimate fresh and moves the state machine's log time forward (lease expiry, wait limits).
 * <p>
 * <b>Expiry.</b> When the cluster expires the session, the listener hears {@link SessionState#EXPIRED} for the old
 * session id; a new session is opened (retrying until it succeeds or the channel is closed) and announced as
 * {@link SessionState#CONNECTED} with its new id. Commands queued meanwhile go out on the new session.
 */
final class SessionChannel implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(SessionChannel.class);

	private static final Duration RECONNECT_DELAY = Duration.ofMillis(500);

	/**
	 * Hears what the cluster pushes. Called on an Atomix thread: must not block.
	 */
	interface Listener {

		void events(long sessionId, List<Event> events);

		void sessionChanged(long sessionId, SessionState state);

	}

	/**
	 * A command's result, the session it was applied in, and when it was sent.
	 *
	 * @param result the result
	 * @param sessionId the session
	 * @param sentAt {@link System#nanoTime()} when its batch was sent: anything it caused happened after
	 */
	record Executed(Result result, long sessionId, long sentAt) {
	}

	private final Supplier<SessionClient> sessions;

	private final Listener listener;

	private final ScheduledExecutorService scheduler;

	private final long timeoutNanos;

	private final int maxBatch;

	private final int maxInFlight;

	private final ArrayDeque<Pending> queue = new ArrayDeque<>();

	private SessionClient client;

	private long sessionId;

	private SessionState state = SessionState.CLOSED;

	private int inFlight;

	private boolean closed;

	private volatile long confirmedAt;

	private ScheduledFuture<?> pinger;

	private final StoreLimits limits;

	SessionChannel(Supplier<SessionClient> sessions, Listener listener, ScheduledExecutorService scheduler,
			Duration sessionTimeout, int maxBatch, int maxInFlight, StoreLimits limits) {
		this.sessions = sessions;
		this.limits = limits;
		this.listener = listener;
		this.scheduler = scheduler;
		this.timeoutNanos = sessionTimeout.toNanos();
		this.maxBatch = maxBatch;
		this.maxInFlight = maxInFlight;
	}

	/**
	 * Opens the first session.
	 * @return completes when the session is open
	 */
	CompletableFuture<Void> open() {
		CompletableFuture<Void> opened = new CompletableFuture<>();
		connect(opened);
		long pingNanos = this.timeoutNanos / 3;
		this.pinger = this.scheduler.scheduleWithFixedDelay(this::pingIfIdle, pingNanos, pingNanos / 2,
				TimeUnit.NANOSECONDS);
		return opened;
	}

	/**
	 * Queues a command for the next batch.
	 * @param command the command
	 * @return completes with the result and the session it was applied in
	 */
	CompletableFuture<Executed> execute(Command command) {
		Pending pending = new Pending(command);
		synchronized (this) {
			if (this.closed) {
				pending.future.completeExceptionally(new IllegalStateException("The coordination client is closed"));
				return pending.future;
			}
			this.queue.addLast(pending);
			flush();
		}
		return pending.future;
	}

	/**
	 * Runs a linearizable read.
	 * @param query the query
	 * @return completes with the answer
	 */
	CompletableFuture<Object> query(Query query) {
		SessionClient current;
		synchronized (this) {
			current = this.client;
		}
		if (current == null) {
			return CompletableFuture.failedFuture(new IllegalStateException("No session with the cluster"));
		}
		return current
			.execute(PrimitiveOperation.operation(CoordinationPrimitiveType.QUERY, ProtocolCodec.encodeQuery(query)))
			.thenApply((bytes) -> ProtocolCodec.decodeAnswer(query, bytes));
	}

	/**
	 * Id of the current session.
	 * @return the id, or 0 while none is open
	 */
	synchronized long sessionId() {
		return this.sessionId;
	}

	synchronized SessionState state() {
		return this.state;
	}

	/**
	 * Whether the given session is the current one and known alive: connected, and an entry sent less than a session
	 * timeout ago was applied.
	 * @param session the session to check
	 * @return whether acting on what that session holds is safe
	 */
	boolean isLive(long session) {
		synchronized (this) {
			if (session != this.sessionId || this.state != SessionState.CONNECTED) {
				return false;
			}
		}
		return System.nanoTime() - this.confirmedAt < this.timeoutNanos;
	}

	private void flush() {
		while (this.client != null && this.state != SessionState.EXPIRED && this.inFlight < this.maxInFlight
				&& !this.queue.isEmpty()) {
			List<Pending> batch = new ArrayList<>(Math.min(this.queue.size(), this.maxBatch));
			while (!this.queue.isEmpty() && batch.size() < this.maxBatch) {
				batch.add(this.queue.pollFirst());
			}
			this.inFlight++;
			send(this.client, this.sessionId, batch);
		}
	}

	private void send(SessionClient target, long session, List<Pending> batch) {
		List<Command> commands = new ArrayList<>(batch.size());
		for (Pending pending : batch) {
			commands.add(pending.command);
		}
		long sentAt = System.nanoTime();
		CompletableFuture<byte[]> call;
		try {
			byte[] payload = ProtocolCodec.encodeBatch(commands, this.limits);
			call = target.execute(PrimitiveOperation.operation(CoordinationPrimitiveType.EXECUTE, payload));
		}
		catch (RuntimeException ex) {
			call = CompletableFuture.failedFuture(ex);
		}
		call.whenComplete((bytes, error) -> completed(session, sentAt, batch, bytes, error));
	}

	private void completed(long session, long sentAt, List<Pending> batch, byte[] bytes, Throwable error) {
		try {
			if (error == null) {
				List<Result> results = ProtocolCodec.decodeResults(bytes);
				if (results.size() != batch.size()) {
					throw new IllegalStateException(
							"The cluster answered " + results.size() + " results for " + batch.size() + " commands");
				}
				confirm(session, sentAt);
				for (int i = 0; i < batch.size(); i++) {
					batch.get(i).future.complete(new Executed(results.get(i), session, sentAt));
				}
			}
		}
		catch (RuntimeException ex) {
			error = ex;
		}
		finally {
			if (error != null) {
				for (Pending pending : batch) {
					pending.future.completeExceptionally(error);
				}
			}
			synchronized (this) {
				this.inFlight--;
				flush();
			}
		}
	}

	private void confirm(long session, long sentAt) {
		synchronized (this) {
			if (session != this.sessionId) {
				return;
			}
		}
		if (sentAt - this.confirmedAt > 0) {
			this.confirmedAt = sentAt;
		}
	}

	private void pingIfIdle() {
		boolean idle;
		synchronized (this) {
			idle = !this.closed && this.client != null && this.queue.isEmpty() && this.inFlight == 0
					&& System.nanoTime() - this.confirmedAt > this.timeoutNanos / 3;
		}
		if (idle) {
			execute(new Command.Ping());
		}
	}

	// ---- session lifecycle

	private void connect(CompletableFuture<Void> opened) {
		SessionClient candidate;
		try {
			candidate = this.sessions.get();
		}
		catch (RuntimeException ex) {
			retryConnect(opened, ex);
			return;
		}
		long startedAt = System.nanoTime();
		candidate.connect().whenComplete((connected, error) -> {
			if (error != null) {
				candidate.close();
				retryConnect(opened, error);
				return;
			}
			long id = candidate.sessionId().id();
			boolean stillWanted;
			synchronized (this) {
				stillWanted = !this.closed;
				if (stillWanted) {
					this.client = candidate;
					this.sessionId = id;
					this.state = SessionState.CONNECTED;
					this.confirmedAt = startedAt;
				}
			}
			if (!stillWanted) {
				candidate.close();
				opened.complete(null);
				return;
			}
			candidate.addEventListener(CoordinationPrimitiveType.EVENTS,
					(event) -> this.listener.events(id, ProtocolCodec.decodeEvents(event.value())));
			candidate.addStateChangeListener((state) -> stateChanged(id, state));
			logger.debug("Coordination session {} open", id);
			this.listener.sessionChanged(id, SessionState.CONNECTED);
			opened.complete(null);
			synchronized (this) {
				flush();
			}
		});
	}

	private void retryConnect(CompletableFuture<Void> opened, Throwable error) {
		synchronized (this) {
			if (this.closed) {
				opened.completeExceptionally(error);
				return;
			}
		}
		logger.debug("Could not open a coordination session, retrying: {}", error.toString());
		this.scheduler.schedule(() -> connect(opened), RECONNECT_DELAY.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void stateChanged(long id, PrimitiveState primitiveState) {
		SessionState newState = switch (primitiveState) {
			case CONNECTED -> SessionState.CONNECTED;
			case SUSPENDED -> SessionState.SUSPENDED;
			case EXPIRED, CLOSED -> SessionState.EXPIRED;
		};
		SessionClient expired = null;
		synchronized (this) {
			if (id != this.sessionId || this.closed || this.state == newState) {
				return;
			}
			this.state = newState;
			if (newState == SessionState.EXPIRED) {
				expired = this.client;
				this.client = null;
			}
		}
		logger.info("Coordination session {} is {}", id, newState);
		this.listener.sessionChanged(id, newState);
		if (expired != null) {
			expired.close();
			connect(new CompletableFuture<>());
		}
	}

	@Override
	public void close() {
		SessionClient current;
		List<Pending> abandoned;
		long id;
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			current = this.client;
			id = this.sessionId;
			this.client = null;
			this.state = SessionState.CLOSED;
			abandoned = new ArrayList<>(this.queue);
			this.queue.clear();
		}
		if (this.pinger != null) {
			this.pinger.cancel(false);
		}
		for (Pending pending : abandoned) {
			pending.future.completeExceptionally(new IllegalStateException("The coordination client is closed"));
		}
		if (current != null) {
			current.close().orTimeout(5, TimeUnit.SECONDS).exceptionally((ex) -> null).join();
			this.listener.sessionChanged(id, SessionState.CLOSED);
		}
	}

	private static final class Pending {

		final Command command;

		final CompletableFuture<Executed> future = new CompletableFuture<>();

		Pending(Command command) {
			this.command = command;
		}

	}

}
