package io.coordination.core;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.coordination.Coordination;
import io.coordination.cluster.ClusterView;
import io.coordination.core.internal.atomix.AtomixNode;
import io.coordination.core.internal.atomix.MemberAddress;
import io.coordination.core.internal.atomix.NodeSettings;
import io.coordination.core.internal.client.ClientSettings;
import io.coordination.core.internal.client.EmbeddedCoordination;
import io.coordination.core.internal.protocol.StoreLimits;
import io.coordination.kv.ReadConsistency;

/**
 * An embedded coordination node: an Atomix member in this JVM, and the {@link Coordination} clients that use it.
 * <p>
 * With no members configured it is a single-node Raft group on a local data directory: zero set-up for development.
 * With a member list ({@code host:port} or {@code id@host:port} entries) it joins that cluster, as a Raft voter if its
 * own address is listed, otherwise as a client member that uses the voters.
 * <p>
 * <b>Timeouts.</b> The session timeout is how long the cluster keeps a client's session without hearing from it:
 * shorter means a crashed holder's locks are handed over sooner, longer means a GC pause or a slow network is less
 * likely to cost a healthy holder its locks. The election timeout is how long followers wait for a silent Raft leader
 * before electing another (each waits a random time between it and twice it): shorter means faster failover, too short
 * means needless elections on a loaded machine. The heartbeat interval must be well below the election timeout.
 *
 * <pre>{@code
 * try (CoordinationNode node = CoordinationNode.builder().build().start()) {
 *     try (LockLease lease = node.coordination().lock("orders").lock()) {
 *         write(order, lease.fencingToken());
 *     }
 * }
 * }</pre>
 */
public final class CoordinationNode implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(CoordinationNode.class);

	private final NodeSettings settings;

	private final AtomixNode atomix;

	private final ScheduledExecutorService scheduler;

	private final Set<EmbeddedCoordination> clients = ConcurrentHashMap.newKeySet();

	private volatile EmbeddedCoordination coordination;

	private volatile boolean started;

	private volatile Duration startedIn;

	private CoordinationNode(NodeSettings settings) {
		this.settings = settings;
		this.atomix = new AtomixNode(settings);
		AtomicInteger threads = new AtomicInteger();
		this.scheduler = Executors.newScheduledThreadPool(1, (runnable) -> {
			Thread thread = new Thread(runnable, "coordination-" + settings.memberId() + "-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * A builder with the defaults of the single-node embedded mode.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Starts the member, waits until it has joined its cluster, and opens the default client's session.
	 * @return this node
	 * @throws io.coordination.CoordinationUnavailableException if the cluster could not be joined in time
	 */
	public synchronized CoordinationNode start() {
		if (this.started) {
			return this;
		}
		long startedAt = System.nanoTime();
		this.atomix.start();
		this.coordination = newClient(this.settings.startTimeout());
		this.started = true;
		this.startedIn = Duration.ofNanos(System.nanoTime() - startedAt);
		logger.info(describe());
		return this;
	}

	/**
	 * What this node is, as logged when it started: member, role, address, cluster, voters and data directory.
	 * @return the description
	 */
	public String describe() {
		return "Coordination node '" + this.settings.memberId() + "' "
				+ ((this.startedIn != null) ? "started in " + this.startedIn.toMillis() + " ms " : "") + "as a "
				+ (this.settings.voter() ? "Raft voter" : "client member") + " on " + this.settings.host() + ":"
				+ this.settings.port() + ((this.settings.tls() != null) ? " with TLS" : "") + " (cluster '"
				+ this.settings.clusterId() + "', voters "
				+ this.settings.members()
				+ (this.settings.voter() ? ", data in " + this.settings.dataDirectory().toAbsolutePath() : "") + ")";
	}

	/**
	 * The node's default client. Everything acquired through it is bound to one session.
	 * @return the client
	 * @throws IllegalStateException if the node is not started
	 */
	public Coordination coordination() {
		EmbeddedCoordination current = this.coordination;
		if (current == null) {
			throw new IllegalStateException("Coordination node '" + this.settings.memberId() + "' is not started");
		}
		return current;
	}

	/**
	 * Opens another client with its own session: what it acquires is independent of the default client (its expiry,
	 * its owners). Close it when done.
	 * @return the new client
	 */
	public Coordination openCoordination() {
		return openCoordination(this.settings.startTimeout());
	}

	/**
	 * Opens another client with its own session, waiting at most {@code timeout} for the cluster to open the
	 * session (an HTTP request should not wait for the whole start timeout when there is no quorum).
	 * @param timeout longest wait for the session
	 * @return the new client
	 * @throws io.coordination.CoordinationUnavailableException if the session could not be opened in time
	 */
	public Coordination openCoordination(Duration timeout) {
		if (!this.started) {
			throw new IllegalStateException("Coordination node '" + this.settings.memberId() + "' is not started");
		}
		return newClient(timeout);
	}

	private EmbeddedCoordination newClient(Duration openTimeout) {
		EmbeddedCoordination[] created = new EmbeddedCoordination[1];
		EmbeddedCoordination client = new EmbeddedCoordination(this.settings.memberId(), this.atomix::newSession,
				() -> this.atomix.newSession(ReadConsistency.SEQUENTIAL), this.atomix.clusterView(),
				this.settings.client(), this.scheduler,
				() -> this.clients.remove(created[0]));
		created[0] = client;
		this.clients.add(client);
		try {
			client.open(openTimeout);
		}
		catch (RuntimeException ex) {
			client.close();
			throw ex;
		}
		return client;
	}

	/**
	 * The cluster as this node sees it.
	 * @return the view
	 */
	public ClusterView cluster() {
		return this.atomix.clusterView();
	}

	/**
	 * This member's id.
	 * @return the id
	 */
	public String memberId() {
		return this.settings.memberId();
	}

	/**
	 * Whether this member is a Raft voter.
	 * @return whether it votes
	 */
	public boolean isVoter() {
		return this.settings.voter();
	}

	/**
	 * Where a voter keeps its Raft log and snapshots.
	 * @return the data directory
	 */
	public Path dataDirectory() {
		return this.settings.dataDirectory();
	}

	/**
	 * Closes every client (releasing what they hold) and stops the member.
	 */
	@Override
	public synchronized void close() {
		for (EmbeddedCoordination client : new ArrayList<>(this.clients)) {
			try {
				client.close();
			}
			catch (RuntimeException ex) {
				logger.debug("Closing a client of '{}': {}", this.settings.memberId(), ex.toString());
			}
		}
		this.atomix.close();
		this.scheduler.shutdownNow();
		this.started = false;
		this.coordination = null;
		logger.info("Coordination node '{}' stopped", this.settings.memberId());
	}

	/**
	 * Builds a {@link CoordinationNode}. Every setting has a default suited to a single-node embedded node.
	 */
	public static final class Builder {

		private String clusterId = "coordination";

		private String memberId;

		private String host = "127.0.0.1";

		private int port = 5679;

		private String bindHost;

		private Path dataDirectory;

		private MessagingTls tls;

		private final List<String> members = new ArrayList<>();

		private Duration sessionTimeout = Duration.ofSeconds(10);

		private Duration electionTimeout = Duration.ofMillis(1000);

		private Duration heartbeatInterval = Duration.ofMillis(150);

		private Duration operationTimeout = Duration.ofSeconds(15);

		private Duration startTimeout = Duration.ofSeconds(60);

		private boolean failOnDeadlock;

		private int maxBatchSize = 512;

		private int maxInFlightBatches = 2;

		private boolean syncLog = true;

		private boolean insecureMessaging;

		private long kvMaxBytes = StoreLimits.DEFAULT.maxBytes();

		private long kvHistoryMaxBytes = StoreLimits.DEFAULT.historyMaxBytes();

		private Builder() {
		}

		/**
		 * Cluster id; members only talk to members with the same id. Default {@code coordination}.
		 * @param clusterId the id
		 * @return this builder
		 */
		public Builder clusterId(String clusterId) {
			this.clusterId = Objects.requireNonNull(clusterId, "clusterId");
			return this;
		}

		/**
		 * This member's id. Default: the id of its entry in the member list, {@code node-1} for a single node, and
		 * {@code client-host-port} for a client member.
		 * @param memberId the id
		 * @return this builder
		 */
		public Builder memberId(String memberId) {
			this.memberId = memberId;
			return this;
		}

		/**
		 * Host other members reach this one at. Default {@code 127.0.0.1}.
		 * @param host the host
		 * @return this builder
		 */
		public Builder host(String host) {
			this.host = Objects.requireNonNull(host, "host");
			return this;
		}

		/**
		 * Messaging port. Default 5679; 0 picks a free port (single node or client member only).
		 * @param port the port
		 * @return this builder
		 */
		public Builder port(int port) {
			this.port = port;
			return this;
		}

		/**
		 * Interface the messaging server binds to. Default: the host.
		 * @param bindHost the interface address
		 * @return this builder
		 */
		public Builder bindHost(String bindHost) {
			this.bindHost = bindHost;
			return this;
		}

		/**
		 * Where a voter keeps its Raft log and snapshots. Default {@code coordination-data/<member id>} under the
		 * working directory.
		 * @param dataDirectory the directory
		 * @return this builder
		 */
		public Builder dataDirectory(Path dataDirectory) {
			this.dataDirectory = dataDirectory;
			return this;
		}

		/**
		 * TLS between members. Default: none (plain TCP; fine on loopback or a private network).
		 * @param tls the stores, or {@code null} for none
		 * @return this builder
		 */
		public Builder messagingTls(MessagingTls tls) {
			this.tls = tls;
			return this;
		}

		/**
		 * The Raft voters, as {@code host:port} or {@code id@host:port}. Empty (the default) makes a single-node
		 * cluster of this member.
		 * @param members the voters
		 * @return this builder
		 */
		public Builder members(List<String> members) {
			this.members.clear();
			this.members.addAll(members);
			return this;
		}

		/**
		 * How long the cluster keeps a session without hearing from its client; its locks are then released. Default
		 * 10 s; at least 1 s.
		 * @param sessionTimeout the timeout
		 * @return this builder
		 */
		public Builder sessionTimeout(Duration sessionTimeout) {
			this.sessionTimeout = Objects.requireNonNull(sessionTimeout, "sessionTimeout");
			return this;
		}

		/**
		 * Raft election timeout: how long a follower waits without hearing from a leader before it calls an election
		 * (a random time between it and twice it). Default 1 s. A single-voter cluster elects itself at once.
		 * @param electionTimeout the timeout
		 * @return this builder
		 */
		public Builder electionTimeout(Duration electionTimeout) {
			this.electionTimeout = Objects.requireNonNull(electionTimeout, "electionTimeout");
			return this;
		}

		/**
		 * Raft leader heartbeat interval. Default 150 ms; at most half the election timeout.
		 * @param heartbeatInterval the interval
		 * @return this builder
		 */
		public Builder heartbeatInterval(Duration heartbeatInterval) {
			this.heartbeatInterval = Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
			return this;
		}

		/**
		 * Longest wait for a single call to the cluster before it fails with
		 * {@link io.coordination.CoordinationUnavailableException}. Default 15 s.
		 * @param operationTimeout the timeout
		 * @return this builder
		 */
		public Builder operationTimeout(Duration operationTimeout) {
			this.operationTimeout = Objects.requireNonNull(operationTimeout, "operationTimeout");
			return this;
		}

		/**
		 * Longest wait for the node to join its cluster. Default 60 s.
		 * @param startTimeout the timeout
		 * @return this builder
		 */
		public Builder startTimeout(Duration startTimeout) {
			this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
			return this;
		}

		/**
		 * Whether a lock wait that would deadlock fails with
		 * {@link io.coordination.lock.DeadlockDetectedException}. Default {@code false}: deadlocks are only reported.
		 * @param failOnDeadlock whether to fail deadlocked waits
		 * @return this builder
		 */
		public Builder failOnDeadlock(boolean failOnDeadlock) {
			this.failOnDeadlock = failOnDeadlock;
			return this;
		}

		/**
		 * Most operations carried by one Raft entry. Default 512.
		 * @param maxBatchSize the size
		 * @return this builder
		 */
		public Builder maxBatchSize(int maxBatchSize) {
			this.maxBatchSize = maxBatchSize;
			return this;
		}

		/**
		 * Most batches on the way to the cluster at once, per client. Default 2.
		 * @param maxInFlightBatches the count
		 * @return this builder
		 */
		public Builder maxInFlightBatches(int maxInFlightBatches) {
			this.maxInFlightBatches = maxInFlightBatches;
			return this;
		}

		/**
		 * Whether a voter puts its Raft log on disk ({@code fsync}) before it acknowledges a write: a follower before
		 * it answers the leader, the leader before it counts itself towards a commit. On by default: then a write
		 * acknowledged to a client survives a power loss or kernel crash of every voter at once. Off, writes live in
		 * the operating system's page cache until it writes them out (they survive a process crash, not a machine
		 * crash) and fencing tokens can repeat after one; it is logged as a warning, and meant for tests and
		 * development only. Client members ignore it.
		 * @param syncLog whether to sync the log before acknowledging
		 * @return this builder
		 */
		public Builder syncLog(boolean syncLog) {
			this.syncLog = syncLog;
			return this;
		}

		/**
		 * Most bytes of keys and values the key-value store may hold (configuration documents, registrations and group
		 * members are keys too). A write from this node that would grow it past the budget fails with
		 * {@link io.coordination.QuotaExceededException}. Default 64 MiB; every voter holds it all in memory, keep it
		 * well below their heap. At least 1 MiB.
		 * @param kvMaxBytes the budget
		 * @return this builder
		 */
		public Builder kvMaxBytes(long kvMaxBytes) {
			this.kvMaxBytes = kvMaxBytes;
			return this;
		}

		/**
		 * Most bytes of keys and values the change history for watches keeps; beyond it the oldest changes are dropped
		 * (a watch resuming before them is told the history is compacted). Default 16 MiB, at least 1 MiB.
		 * @param kvHistoryMaxBytes the budget
		 * @return this builder
		 */
		public Builder kvHistoryMaxBytes(long kvHistoryMaxBytes) {
			this.kvHistoryMaxBytes = kvHistoryMaxBytes;
			return this;
		}

		/**
		 * Whether messaging may listen beyond loopback without TLS. Default {@code false}: a node whose bind host is
		 * not a loopback address refuses to start without {@link #messagingTls}, because any process that reaches the
		 * port could join the cluster as a member and read or change everything. Set it only where the network itself
		 * admits nothing but the cluster's members.
		 * @param insecureMessaging whether plain messaging beyond loopback is allowed
		 * @return this builder
		 */
		public Builder insecureMessaging(boolean insecureMessaging) {
			this.insecureMessaging = insecureMessaging;
			return this;
		}

		/**
		 * Validates the settings and creates the node (not started).
		 * @return the node
		 * @throws IllegalArgumentException naming the first bad setting
		 */
		public CoordinationNode build() {
			return new CoordinationNode(settings());
		}

		NodeSettings settings() {
			List<MemberAddress> voters = new ArrayList<>();
			for (String member : this.members) {
				voters.add(MemberAddress.parse(member));
			}
			if (voters.stream().map(MemberAddress::id).distinct().count() != voters.size()) {
				throw new IllegalArgumentException("Cluster members have duplicate ids: " + voters);
			}
			int resolvedPort = this.port;
			if (resolvedPort < 0 || resolvedPort > 65535) {
				throw new IllegalArgumentException("port must be between 0 and 65535: " + resolvedPort);
			}
			String id = this.memberId;
			if (voters.isEmpty()) {
				resolvedPort = (resolvedPort == 0) ? freePort() : resolvedPort;
				id = (id != null) ? id : "node-1";
				voters.add(new MemberAddress(id, this.host, resolvedPort));
			}
			else {
				MemberAddress own = null;
				for (MemberAddress voter : voters) {
					if ((id != null && voter.id().equals(id)) || (id == null && voter.matches(this.host, resolvedPort))) {
						own = voter;
					}
				}
				if (own != null) {
					id = own.id();
					if (!own.matches(this.host, resolvedPort)) {
						throw new IllegalArgumentException("Member '" + id + "' is listed at " + own.host() + ":"
								+ own.port() + " but configured with host " + this.host + " and port " + resolvedPort);
					}
				}
				else {
					resolvedPort = (resolvedPort == 0) ? freePort() : resolvedPort;
					id = (id != null) ? id : "client-" + this.host + "-" + resolvedPort;
				}
			}
			if (id.isBlank() || id.chars().anyMatch(Character::isISOControl)) {
				throw new IllegalArgumentException("memberId must be non-blank without control characters: '" + id + "'");
			}
			requirePositive("sessionTimeout", this.sessionTimeout);
			requirePositive("electionTimeout", this.electionTimeout);
			requirePositive("heartbeatInterval", this.heartbeatInterval);
			requirePositive("operationTimeout", this.operationTimeout);
			requirePositive("startTimeout", this.startTimeout);
			if (this.sessionTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
				throw new IllegalArgumentException("sessionTimeout must be at least 1s: " + this.sessionTimeout);
			}
			if (this.heartbeatInterval.multipliedBy(2).compareTo(this.electionTimeout) > 0) {
				throw new IllegalArgumentException("heartbeatInterval (" + this.heartbeatInterval
						+ ") must be at most half the electionTimeout (" + this.electionTimeout + ")");
			}
			if (this.maxBatchSize < 1 || this.maxBatchSize > 10_000) {
				throw new IllegalArgumentException("maxBatchSize must be between 1 and 10000: " + this.maxBatchSize);
			}
			if (this.maxInFlightBatches < 1 || this.maxInFlightBatches > 16) {
				throw new IllegalArgumentException(
						"maxInFlightBatches must be between 1 and 16: " + this.maxInFlightBatches);
			}
			String bind = (this.bindHost != null) ? this.bindHost : this.host;
			if (this.tls == null && !this.insecureMessaging && !isLoopback(bind)) {
				throw new IllegalArgumentException("Messaging would listen on " + bind + ", beyond loopback, without TLS: "
						+ "any process that reaches it could join the cluster and read or change everything. Configure "
						+ "messaging TLS (coordination.node.tls.*), or allow plain messaging on a network that admits "
						+ "only the cluster's members (coordination.node.insecure-messaging=true)");
			}
			Path data = (this.dataDirectory != null) ? this.dataDirectory
					: Path.of("coordination-data", id.replaceAll("[^A-Za-z0-9._-]", "_"));
			ClientSettings client = new ClientSettings(this.sessionTimeout, this.operationTimeout, this.failOnDeadlock,
					this.maxBatchSize, this.maxInFlightBatches, new StoreLimits(this.kvMaxBytes, this.kvHistoryMaxBytes));
			return new NodeSettings(this.clusterId, id, this.host, resolvedPort,
					bind, data, voters, this.electionTimeout,
					this.heartbeatInterval, this.startTimeout, client, this.tls, this.syncLog);
		}

		private static void requirePositive(String what, Duration duration) {
			if (duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException(what + " must be positive: " + duration);
			}
		}

		private static boolean isLoopback(String host) {
			try {
				return java.net.InetAddress.getByName(host).isLoopbackAddress();
			}
			catch (java.net.UnknownHostException ex) {
				throw new IllegalArgumentException("bindHost does not resolve: " + host, ex);
			}
		}

		private static int freePort() {
			try (ServerSocket socket = new ServerSocket(0)) {
				return socket.getLocalPort();
			}
			catch (IOException ex) {
				throw new IllegalStateException("No free port available", ex);
			}
		}

	}

}
