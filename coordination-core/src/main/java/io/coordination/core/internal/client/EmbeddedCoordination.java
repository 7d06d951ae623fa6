package io.coordination.core.internal.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.Supplier;

import io.atomix.primitive.session.SessionClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.coordination.Coordination;
import io.coordination.CoordinationException;
import io.coordination.CoordinationInspector;
import io.coordination.CoordinationInterruptedException;
import io.coordination.InputRules;
import io.coordination.LostReason;
import io.coordination.barrier.BarrierPartiesMismatchException;
import io.coordination.barrier.DistributedBarrier;
import io.coordination.barrier.DoubleBarrier;
import io.coordination.cluster.ClusterView;
import io.coordination.config.ConfigStore;
import io.coordination.config.ConfigValidationException;
import io.coordination.core.internal.client.Calls.SessionLostException;
import io.coordination.core.internal.client.SessionChannel.Executed;
import io.coordination.core.internal.protocol.Command;
import io.coordination.core.internal.protocol.ErrorCode;
import io.coordination.core.internal.protocol.Event;
import io.coordination.core.internal.protocol.Query;
import io.coordination.core.internal.protocol.ResourceType;
import io.coordination.core.internal.protocol.Result;
import io.coordination.discovery.ServiceRegistry;
import io.coordination.election.LeaderElection;
import io.coordination.group.GroupMembership;
import io.coordination.kv.KeyValueStore;
import io.coordination.kv.ReadConsistency;
import io.coordination.kv.VersionConflictException;
import io.coordination.lock.DeadlockDetectedException;
import io.coordination.lock.DistributedLock;
import io.coordination.lock.DistributedReadWriteLock;
import io.coordination.lock.LockMode;
import io.coordination.semaphore.DistributedSemaphore;
import io.coordination.semaphore.PermitCountMismatchException;
import io.coordination.session.CoordinationSession;
import io.coordination.session.SessionListener;
import io.coordination.session.SessionState;

/**
 * The {@link Coordination} of an embedded node: one session with the coordination state machine, shared by every
 * primitive handed out here.
 */
public final class EmbeddedCoordination implements Coordination, SessionChannel.Listener {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedCoordination.class);

	/** Extra time the client waits beyond a wait limit, so that the cluster usually decides first. */
	private static final long WAIT_GRACE_MILLIS = 50;

	private final String memberId;

	private final ClusterView cluster;

	private final ClientSettings settings;

	private final SessionChannel channel;

	private final ExecutorService notifier;

	private final AtomicLong requestIds = new AtomicLong();

	private final Waits waits = new Waits();

	private final LeaseRegistry leases = new LeaseRegistry();

	private final ElectionRegistry elections;

	private final Map<Long, Command.Acquire> abandoned = new ConcurrentHashMap<>();

	private final List<SessionListener> sessionListeners = new CopyOnWriteArrayList<>();

	private final Runnable onClose;

	private final ScheduledExecutorService scheduler;

	private final ReadSession sequentialReads;

	private final KvWatches kvWatches;

	private final DefaultKeyValueStore keyValue;

	private final DefaultConfigStore config;

	private final DefaultServiceRegistry discovery;

	private final Set<Command.GroupJoin> groupJoins = DefaultGroupMembership.newRegistry();

	private volatile long connectedSession;

	/**
	 * Creates a client; {@link #open(Duration)} opens its session.
	 * @param memberId id of the local member
	 * @param sessions opens Raft sessions with the coordination primitive
	 * @param sequentialSessions opens query-only sessions with sequential reads
	 * @param cluster the cluster view
	 * @param settings client settings
	 * @param scheduler runs pings and reconnections
	 * @param onClose called once the client is closed
	 */
	public EmbeddedCoordination(String memberId, Supplier<SessionClient> sessions,
			Supplier<SessionClient> sequentialSessions, ClusterView cluster, ClientSettings settings,
			ScheduledExecutorService scheduler, Runnable onClose) {
		this.memberId = memberId;
		this.cluster = cluster;
		this.settings = settings;
		this.onClose = onClose;
		this.scheduler = scheduler;
		this.channel = new SessionChannel(sessions, this, scheduler, settings.sessionTimeout(), settings.maxBatch(),
				settings.maxInFlight(), settings.limits());
		this.notifier = Executors.newSingleThreadExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "coordination-notifier-" + memberId);
			thread.setDaemon(true);
			return thread;
		});
		this.elections = new ElectionRegistry(this);
		this.sequentialReads = new ReadSession(sequentialSessions, settings.operationTimeout());
		this.kvWatches = new KvWatches(this);
		this.keyValue = new DefaultKeyValueStore(this, this.kvWatches);
		this.config = new DefaultConfigStore(this, this.keyValue);
		this.discovery = new DefaultServiceRegistry(this, this.keyValue);
	}

	/**
	 * Opens the session.
	 * @param timeout longest wait
	 */
	public void open(Duration timeout) {
		Calls.await(this.channel.open(), timeout, "open a session with the cluster");
	}

	// ---- Coordination

	@Override
	public DistributedLock lock(String name) {
		return new DefaultDistributedLock(this, ResourceType.LOCK, InputRules.name("lock", name), LockMode.EXCLUSIVE);
	}

	@Override
	public DistributedReadWriteLock readWriteLock(String name) {
		return new DefaultReadWriteLock(this, InputRules.name("read-write lock", name));
	}

	@Override
	public DistributedSemaphore semaphore(String name, int permits) {
		return new DefaultSemaphore(this, InputRules.name("semaphore", name),
				InputRules.positive("permit count", permits));
	}

	@Override
	public LeaderElection election(String group) {
		return new DefaultLeaderElection(this, this.elections, InputRules.name("election group", group));
	}

	@Override
	public DistributedBarrier barrier(String name, int parties) {
		return new DefaultBarrier(this, InputRules.name("barrier", name), InputRules.positive("party count", parties));
	}

	@Override
	public DoubleBarrier doubleBarrier(String name, int parties) {
		return new DefaultDoubleBarrier(this, InputRules.name("barrier", name),
				InputRules.positive("party count", parties));
	}

	@Override
	public KeyValueStore keyValue() {
		return this.keyValue;
	}

	@Override
	public ConfigStore config() {
		return this.config;
	}

	@Override
	public ServiceRegistry discovery() {
		return this.discovery;
	}

	@Override
	public GroupMembership group(String name) {
		return new DefaultGroupMembership(this, this.keyValue, name, this.groupJoins);
	}

	@Override
	public CoordinationSession session() {
		return new DefaultSession();
	}

	@Override
	public ClusterView cluster() {
		return this.cluster;
	}

	@Override
	public CoordinationInspector inspector() {
		return new DefaultInspector(this);
	}

	@Override
	public void close() {
		// Closing the session releases everything it holds on the cluster in one entry; holders hear NODE_CLOSED.
		this.elections.closeAll();
		this.sequentialReads.close();
		this.channel.close();
		this.notifier.shutdown();
		this.onClose.run();
	}

	// ---- engine used by the primitives

	/**
	 * Acquires a lock, a side of a read-write lock or semaphore permits.
	 * @param type resource kind
	 * @param name resource name
	 * @param mode lock mode
	 * @param permits permits asked for
	 * @param total semaphore total
	 * @param waitTime longest wait, {@code null} for no limit
	 * @param leaseTime lease time, {@code null} for none
	 * @return the lease, or empty if not acquired in time
	 */
	Optional<DefaultLease> acquire(ResourceType type, String name, LockMode mode, int permits, int total,
			Duration waitTime, Duration leaseTime) {
		long leaseMillis = (leaseTime != null) ? positiveMillis("leaseTime", leaseTime) : 0;
		if (waitTime != null && waitTime.isNegative()) {
			throw new IllegalArgumentException("waitTime must not be negative: " + waitTime);
		}
		String owner = Owners.current();
		String what = "acquire " + type.noun() + " '" + name + "'";
		Outcome outcome = request((requestId, waitMillis) -> new Command.Acquire(requestId, type, name, owner, mode,
				permits, total, leaseMillis, waitMillis, this.settings.failOnDeadlock()), waitTime, what);
		Result result = outcome.result;
		if (result instanceof Result.Granted granted) {
			long validUntil = (leaseMillis > 0) ? outcome.sentAt + TimeUnit.MILLISECONDS.toNanos(leaseMillis)
					: Long.MAX_VALUE;
			DefaultLease lease = new DefaultLease(this, type, name, owner, mode, granted.token(), permits,
					Instant.ofEpochMilli(granted.grantedAt()), outcome.sessionId, validUntil);
			this.leases.add(lease);
			if (outcome.interrupted) {
				lease.close();
				throw interrupted(what);
			}
			return Optional.of(lease);
		}
		if (outcome.interrupted) {
			throw interrupted(what);
		}
		if (result instanceof Result.Failed failed && failed.code() != ErrorCode.TIMED_OUT) {
			throw failure(name, failed);
		}
		return Optional.empty();
	}

	void release(DefaultLease lease) {
		this.leases.remove(lease);
		if (lease.sessionId != this.channel.sessionId()) {
			return;
		}
		try {
			Calls.await(this.channel.execute(
					new Command.Release(lease.type, lease.name, lease.owner, lease.mode, lease.token)),
					this.settings.operationTimeout(), "release " + lease.type.noun() + " '" + lease.name + "'");
		}
		catch (SessionLostException ex) {
			// the expiry released it
		}
	}

	/**
	 * Runs a barrier-like request: it completes at once or waits on the cluster.
	 * @param command builds the command for a request id and a wait limit in milliseconds (-1 for none)
	 * @param waitTime longest wait, {@code null} for no limit
	 * @param what what it does, for messages
	 * @return the final result, or {@link Result.Failed} with a TIMED_OUT code if it did not complete in time
	 */
	Result awaitRequest(RequestBuilder command, Duration waitTime, String what) {
		Outcome outcome = request(command, waitTime, what);
		if (outcome.interrupted) {
			throw interrupted(what);
		}
		return outcome.result;
	}

	/**
	 * Builds a command for one attempt.
	 */
	@FunctionalInterface
	interface RequestBuilder {

		Command build(long requestId, long waitMillis);

	}

	private Outcome request(RequestBuilder builder, Duration waitTime, String what) {
		long deadline = (waitTime != null) ? System.nanoTime() + waitTime.toNanos() : Long.MAX_VALUE;
		while (true) {
			long requestId = this.requestIds.incrementAndGet();
			long waitMillis = (waitTime != null) ? Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))
					: -1;
			Command command = builder.build(requestId, waitMillis);
			try {
				return attempt(command, requestId, deadline, what);
			}
			catch (SessionLostException ex) {
				if (System.nanoTime() - deadline >= 0) {
					return new Outcome(timedOut(what), 0, 0, false);
				}
				logger.debug("Session lost while trying to {}; retrying in the new session", what);
			}
		}
	}

	private Outcome attempt(Command command, long requestId, long deadline, String what) {
		Waits.Wait wait = this.waits.register(requestId);
		CompletableFuture<Executed> call = this.channel.execute(command);
		Executed executed;
		try {
			executed = Calls.await(call, this.settings.operationTimeout(), what);
		}
		catch (RuntimeException ex) {
			if (!(ex instanceof SessionLostException)) {
				abandon(command, requestId, call);
			}
			this.waits.remove(requestId);
			throw ex;
		}
		if (!(executed.result() instanceof Result.Queued)) {
			this.waits.remove(requestId);
			return new Outcome(executed.result(), executed.sessionId(), executed.sentAt(), false);
		}
		wait.bind(executed.sessionId(), this.waits);
		boolean interrupted = false;
		try {
			Result done = awaitCompletion(wait, deadline);
			if (done != null) {
				this.waits.remove(requestId);
				return new Outcome(done, executed.sessionId(), executed.sentAt(), false);
			}
		}
		catch (InterruptedException ex) {
			interrupted = true;
		}
		catch (SessionLostException ex) {
			this.waits.remove(requestId);
			throw ex;
		}
		// Timed out or interrupted: withdraw the request. If it completed meanwhile, its completion was delivered
		// before the answer to the withdrawal.
		try {
			Executed cancelled = Calls.await(this.channel.execute(new Command.Cancel(requestId)),
					this.settings.operationTimeout(), "withdraw the request to " + what);
			Result result = null;
			if (!Result.DONE.equals(cancelled.result()) && wait.completion.isDone()
					&& !wait.completion.isCompletedExceptionally()) {
				result = wait.completion.join();
			}
			if (result == null) {
				if (!Result.DONE.equals(cancelled.result())) {
					// not withdrawn and no completion seen: should a grant still arrive, release it
					abandonWaiting(command, requestId);
				}
				result = timedOut(what);
			}
			return new Outcome(result, executed.sessionId(), executed.sentAt(), interrupted);
		}
		catch (RuntimeException ex) {
			abandonWaiting(command, requestId);
			throw ex;
		}
		finally {
			this.waits.remove(requestId);
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private Result awaitCompletion(Waits.Wait wait, long deadline) throws InterruptedException {
		try {
			if (deadline == Long.MAX_VALUE) {
				return wait.completion.get();
			}
			long remaining = deadline - System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_GRACE_MILLIS);
			return wait.completion.get(Math.max(0, remaining), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			return null;
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw Calls.translate(ex.getCause(), "wait");
		}
	}

	/**
	 * The outcome of a command is unknown (its call timed out): if it turns out to have granted a lock, release it;
	 * if it waits (a lock, a barrier), withdraw it.
	 */
	private void abandon(Command command, long requestId, CompletableFuture<Executed> call) {
		if (command instanceof Command.Acquire acquire) {
			this.abandoned.put(requestId, acquire);
		}
		call.whenComplete((executed, error) -> {
			if (error != null) {
				return;
			}
			if (executed.result() instanceof Result.Granted granted) {
				resolveAbandoned(requestId, granted);
			}
			else if (executed.result() instanceof Result.Queued) {
				withdraw(requestId);
			}
			else {
				this.abandoned.remove(requestId);
			}
		});
	}

	/**
	 * The withdrawal of a waiting request failed: try again in the background; should the request be granted
	 * meanwhile, the grant is released.
	 */
	private void abandonWaiting(Command command, long requestId) {
		if (command instanceof Command.Acquire acquire) {
			this.abandoned.put(requestId, acquire);
		}
		withdraw(requestId);
	}

	private void withdraw(long requestId) {
		this.channel.execute(new Command.Cancel(requestId)).whenComplete((executed, error) -> {
			if (error == null && Result.DONE.equals(executed.result())) {
				this.abandoned.remove(requestId);
			}
		});
	}

	private void resolveAbandoned(long requestId, Result.Granted granted) {
		Command.Acquire acquire = this.abandoned.remove(requestId);
		if (acquire != null) {
			logger.debug("Releasing {} '{}' granted after its request was given up", acquire.type().noun(),
					acquire.name());
			this.channel.execute(new Command.Release(acquire.type(), acquire.name(), acquire.owner(), acquire.mode(),
					granted.token()));
		}
	}

	Object query(Query query, String what) {
		return Calls.await(this.channel.query(query), this.settings.operationTimeout(), what);
	}

	Object query(Query query, ReadConsistency consistency, String what) {
		if (consistency == ReadConsistency.SEQUENTIAL) {
			return this.sequentialReads.query(query, what);
		}
		return query(query, what);
	}

	Result execute(Command command, String what) {
		return Calls.await(this.channel.execute(command), this.settings.operationTimeout(), what).result();
	}

	Executed executeWithSession(Command command, String what) {
		return Calls.await(this.channel.execute(command), this.settings.operationTimeout(), what);
	}

	CompletableFuture<Executed> executeAsync(Command command) {
		return this.channel.execute(command);
	}

	boolean isLive(long sessionId) {
		return this.channel.isLive(sessionId);
	}

	long sessionId() {
		return this.channel.sessionId();
	}

	String memberId() {
		return this.memberId;
	}

	ClientSettings settings() {
		return this.settings;
	}

	LeaseRegistry leases() {
		return this.leases;
	}

	/**
	 * Runs an action later on the client's scheduler (retries of background work).
	 * @param action the action
	 * @param delay the delay
	 */
	void schedule(Runnable action, Duration delay) {
		try {
			this.scheduler.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (java.util.concurrent.RejectedExecutionException ex) {
			logger.debug("Not scheduled: the node is stopping");
		}
	}

	void notify(Runnable action) {
		try {
			this.notifier.execute(() -> {
				try {
					action.run();
				}
				catch (RuntimeException ex) {
					logger.warn("A coordination listener failed", ex);
				}
			});
		}
		catch (java.util.concurrent.RejectedExecutionException ex) {
			logger.debug("Listener not called: the client is closed");
		}
	}

	// ---- what the cluster pushes

	@Override
	public void events(long sessionId, List<Event> events) {
		for (Event event : events) {
			if (event instanceof Event.Completed completed) {
				this.waits.complete(completed.requestId(), completed.result());
				if (completed.result() instanceof Result.Granted granted) {
					resolveAbandoned(completed.requestId(), granted);
				}
				else {
					this.abandoned.remove(completed.requestId());
				}
			}
			else if (event instanceof Event.LeaseLost lost) {
				this.leases.lost(sessionId, lost);
			}
			else if (event instanceof Event.LeaderChanged changed) {
				this.elections.leaderChanged(sessionId, changed.group(), changed.leader());
			}
			else if (event instanceof Event.KvChanged changed) {
				this.kvWatches.changed(changed.watchId(), changed.events());
			}
		}
	}

	@Override
	public void sessionChanged(long sessionId, SessionState state) {
		if (state == SessionState.EXPIRED || state == SessionState.CLOSED) {
			this.waits.sessionLost(sessionId);
			this.abandoned.clear();
			this.leases.sessionEnded(sessionId,
					(state == SessionState.EXPIRED) ? LostReason.SESSION_EXPIRED : LostReason.NODE_CLOSED);
			this.elections.sessionEnded(sessionId);
			this.kvWatches.sessionEnded(sessionId);
		}
		else if (state == SessionState.CONNECTED) {
			this.elections.sessionOpened(sessionId);
			this.kvWatches.sessionOpened(sessionId);
			long previous = this.connectedSession;
			this.connectedSession = sessionId;
			if (previous != 0 && previous != sessionId) {
				this.discovery.sessionOpened();
				DefaultGroupMembership.rejoin(this, this.groupJoins);
			}
		}
		for (SessionListener listener : this.sessionListeners) {
			notify(() -> listener.stateChanged(sessionId, state));
		}
	}

	// ---- helpers

	static long positiveMillis(String what, Duration duration) {
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(what + " must be positive: " + duration);
		}
		return Math.max(1, InputRules.millis(what, duration));
	}

	private static Result timedOut(String what) {
		return Result.Failed.of(ErrorCode.TIMED_OUT, "Timed out trying to " + what);
	}

	private static CoordinationInterruptedException interrupted(String what) {
		return new CoordinationInterruptedException("Interrupted while waiting to " + what,
				new InterruptedException());
	}

	/**
	 * Turns a refusal of the state machine into the API's exception.
	 * @param name the resource
	 * @param failed the refusal
	 * @return the exception to throw
	 */
	static RuntimeException failure(String name, Result.Failed failed) {
		return switch (failed.code()) {
			case INVALID_ARGUMENT -> new IllegalArgumentException(failed.message());
			case PERMIT_COUNT_MISMATCH -> new PermitCountMismatchException(name, (int) failed.expected(),
					(int) failed.actual());
			case PARTIES_MISMATCH -> new BarrierPartiesMismatchException(name, (int) failed.expected(),
					(int) failed.actual());
			case UPGRADE_NOT_SUPPORTED, ALREADY_CANDIDATE, ALREADY_ENTERED, NOT_ENTERED, DUPLICATE_REQUEST,
					ROLLOUT_STATE, ALREADY_EXISTS ->
				new IllegalStateException(failed.message());
			case NOT_FOUND -> new IllegalArgumentException(failed.message());
			case VERSION_CONFLICT -> new VersionConflictException(name, failed.expected(), failed.actual());
			case CONFIG_INVALID -> new ConfigValidationException(name, failed.details());
			case DEADLOCK -> new DeadlockDetectedException(failed.deadlock());
			case QUOTA_EXCEEDED -> new io.coordination.QuotaExceededException(failed.message());
			case TIMED_OUT, INTERNAL -> new CoordinationException(failed.message());
		};
	}

	/**
	 * How a request ended.
	 *
	 * @param result the final result
	 * @param sessionId the session it was applied in
	 * @param sentAt when the command was sent ({@link System#nanoTime()})
	 * @param interrupted whether the caller was interrupted while waiting
	 */
	private record Outcome(Result result, long sessionId, long sentAt, boolean interrupted) {
	}

	private final class DefaultSession implements CoordinationSession {

		@Override
		public long id() {
			return EmbeddedCoordination.this.channel.sessionId();
		}

		@Override
		public String memberId() {
			return EmbeddedCoordination.this.memberId;
		}

		@Override
		public SessionState state() {
			SessionChannel channel = EmbeddedCoordination.this.channel;
			SessionState state = channel.state();
			if (state == SessionState.CONNECTED && !channel.isLive(channel.sessionId())) {
				return SessionState.SUSPENDED;
			}
			return state;
		}

		@Override
		public Duration timeout() {
			return EmbeddedCoordination.this.settings.sessionTimeout();
		}

		@Override
		public void addListener(SessionListener listener) {
			EmbeddedCoordination.this.sessionListeners.add(listener);
		}

		@Override
		public void removeListener(SessionListener listener) {
			EmbeddedCoordination.this.sessionListeners.remove(listener);
		}

	}

}
