package io.coordination.core.internal.atomix;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import io.atomix.cluster.Member;
import io.atomix.cluster.MemberId;
import io.atomix.cluster.Node;
import io.atomix.cluster.discovery.BootstrapDiscoveryProvider;
import io.atomix.cluster.protocol.HeartbeatMembershipProtocol;
import io.atomix.core.Atomix;
import io.atomix.core.AtomixBuilder;
import io.atomix.core.AtomixRegistry;
import io.atomix.core.registry.ClasspathScanningRegistry;
import io.atomix.primitive.Recovery;
import io.atomix.primitive.partition.Partition;
import io.atomix.primitive.partition.PartitionGroup;
import io.atomix.primitive.service.ServiceConfig;
import io.atomix.primitive.session.SessionClient;
import io.atomix.protocols.raft.ReadConsistency;
import io.atomix.protocols.raft.partition.RaftPartition;
import io.atomix.protocols.raft.partition.RaftPartitionGroup;
import io.atomix.protocols.raft.session.CommunicationStrategy;
import io.atomix.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.coordination.CoordinationException;
import io.coordination.CoordinationUnavailableException;
import io.coordination.core.ClusterJoinTimeoutException;
import io.coordination.core.MissingJvmFlagsException;
import io.coordination.cluster.ClusterMember;
import io.coordination.cluster.ClusterView;
import io.coordination.cluster.RaftPartitionInfo;

/**
 * An Atomix member: a Raft voter of the {@value #SYSTEM_GROUP} and {@value #COORDINATION_GROUP} partition groups, or a
 * client member that reaches the voters. The coordination group has a single partition: the state machine is one
 * unit (a global wait-for graph, a global order of grants).
 */
public final class AtomixNode implements AutoCloseable {

	/** Atomix's management group. */
	public static final String SYSTEM_GROUP = "system";

	/** The group that runs the coordination state machine. */
	public static final String COORDINATION_GROUP = "coordination";

	private static final Logger logger = LoggerFactory.getLogger(AtomixNode.class);

	/** Failure detection (the phi accrual detector) declares a member dead after about this many heartbeats. */
	private static final int HEARTBEATS_PER_FAILURE = 20;

	private static final Duration SINGLE_VOTER_ELECTION_TIMEOUT = Duration.ofMillis(50);

	private static final String[] REQUIRED_OPENS = { "java.util.concurrent.atomic", "java.util" };

	private final NodeSettings settings;

	private Atomix atomix;

	private final List<LogSyncPartitionGroup> syncedGroups = new ArrayList<>();

	/**
	 * Creates the node; {@link #start()} starts it.
	 * @param settings its settings
	 */
	public AtomixNode(NodeSettings settings) {
		this.settings = settings;
	}

	/**
	 * Starts the member and waits until it has joined its cluster (for a voter of a multi-member cluster: until a
	 * quorum of voters is up).
	 */
	public void start() {
		checkJvmFlags();
		RaftInternals.retryEverySecond();
		if (!this.settings.voter()) {
			logger.info("Member '{}' at {}:{} is not in the member list {}: it starts as a client member, which joins "
					+ "once a majority of those voters runs", this.settings.memberId(), this.settings.host(),
					this.settings.port(), this.settings.members());
		}
		if (this.settings.voter() && !this.settings.syncLog()) {
			logger.warn("Raft log sync is OFF for member '{}' (coordination.node.sync=false): writes are acknowledged "
					+ "before they are on disk, and a power loss or kernel crash of a majority of voters loses them "
					+ "(fencing tokens can repeat). Use it for tests and development only.", this.settings.memberId());
		}
		this.atomix = build();
		Set<String> tuned = ConcurrentHashMap.newKeySet();
		ScheduledExecutorService tuner = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "coordination-raft-tuner-" + this.settings.memberId());
			thread.setDaemon(true);
			return thread;
		});
		if (this.settings.voter()) {
			// hooks each local Raft server as soon as it exists: its log is synced before its first commit, and its
			// first election uses our timeout
			tuner.scheduleWithFixedDelay(() -> {
				startLogSyncs();
				tuneRaftTimeouts(tuned, false);
			}, 0, 10, TimeUnit.MILLISECONDS);
		}
		try {
			this.atomix.start().get(this.settings.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			stopQuietly();
			throw new ClusterJoinTimeoutException(this.settings.memberId(),
					this.settings.host() + ":" + this.settings.port(), this.settings.voter(),
					this.settings.members().stream().map(MemberAddress::toString).toList(),
					this.settings.startTimeout(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			stopQuietly();
			throw new CoordinationException("Interrupted while starting member '" + this.settings.memberId() + "'", ex);
		}
		catch (ExecutionException ex) {
			stopQuietly();
			throw new CoordinationException(
					"Member '" + this.settings.memberId() + "' failed to start: " + ex.getCause().getMessage(), ex.getCause());
		}
		finally {
			tuner.shutdownNow();
		}
		if (this.settings.voter()) {
			awaitLogSyncs();
			tuneRaftTimeouts(tuned, true);
		}
	}

	private void startLogSyncs() {
		for (LogSyncPartitionGroup group : this.syncedGroups) {
			try {
				group.startSyncs();
			}
			catch (RuntimeException ex) {
				logger.trace("Raft servers not ready for log sync: {}", ex.toString());
			}
		}
	}

	/**
	 * Nothing is acknowledged to a client before this returns: every local Raft server syncs its log.
	 */
	private void awaitLogSyncs() {
		for (LogSyncPartitionGroup group : this.syncedGroups) {
			try {
				group.startSyncs().get(this.settings.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				stopQuietly();
				throw new CoordinationException("Interrupted while starting member '" + this.settings.memberId() + "'",
						ex);
			}
			catch (ExecutionException | TimeoutException ex) {
				stopQuietly();
				Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
				throw new CoordinationException("Member '" + this.settings.memberId()
						+ "' cannot sync its Raft log: " + cause.getMessage(), cause);
			}
			if (!group.allSyncing()) {
				stopQuietly();
				throw new CoordinationException("Member '" + this.settings.memberId()
						+ "' cannot sync its Raft log: the servers of group '" + group.name() + "' are not reachable");
			}
		}
	}

	private static void checkJvmFlags() {
		Module unnamed = AtomixNode.class.getClassLoader().getUnnamedModule();
		List<String> missing = new ArrayList<>();
		for (String pkg : REQUIRED_OPENS) {
			if (!Object.class.getModule().isOpen(pkg, unnamed)) {
				missing.add(pkg);
			}
		}
		if (!missing.isEmpty()) {
			throw new MissingJvmFlagsException(missing);
		}
	}

	private Atomix build() {
		AtomixRegistry registry = ClasspathScanningRegistry.builder()
			.withWhitelistPackages("io.atomix", CoordinationPrimitiveType.class.getPackageName())
			.build();
		Duration failure = this.settings.sessionTimeout();
		Duration heartbeat = Duration.ofMillis(Math.max(100, failure.toMillis() / HEARTBEATS_PER_FAILURE));
		List<Node> nodes = new ArrayList<>();
		for (MemberAddress member : this.settings.members()) {
			nodes.add(Node.builder().withId(member.id()).withHost(member.host()).withPort(member.port()).build());
		}
		AtomixBuilder builder = Atomix.builder(registry)
			.withClusterId(this.settings.clusterId())
			.withMemberId(this.settings.memberId())
			.withHost(this.settings.host())
			.withPort(this.settings.port())
			.withMessagingInterface(this.settings.bindHost())
			.withMulticastEnabled(false)
			.withShutdownHook(false)
			.withMembershipProvider(BootstrapDiscoveryProvider.builder()
				.withNodes(nodes)
				.withHeartbeatInterval(heartbeat)
				.withFailureTimeout(failure)
				.build())
			.withMembershipProtocol(HeartbeatMembershipProtocol.builder()
				.withHeartbeatInterval(heartbeat)
				.withFailureTimeout(failure)
				.build());
		io.coordination.core.MessagingTls tls = this.settings.tls();
		if (tls != null) {
			builder.withTlsEnabled();
			builder.withKeyStore(tls.keyStore().toAbsolutePath().toString());
			builder.withKeyStorePassword(tls.keyStorePassword());
			builder.withTrustStore(tls.trustStore().toAbsolutePath().toString());
			builder.withTrustStorePassword(tls.trustStorePassword());
		}
		if (this.settings.voter()) {
			List<String> voters = this.settings.members().stream().map(MemberAddress::id).toList();
			Path data = this.settings.dataDirectory();
			builder.withManagementGroup(RaftPartitionGroup.builder(SYSTEM_GROUP)
				.withNumPartitions(1)
				.withMembers(voters)
				.withStorageLevel(StorageLevel.DISK)
				.withDataDirectory(data.resolve(SYSTEM_GROUP).toFile())
				.build());
			builder.withPartitionGroups(RaftPartitionGroup.builder(COORDINATION_GROUP)
				.withNumPartitions(1)
				.withPartitionSize(voters.size())
				.withMembers(voters)
				.withStorageLevel(StorageLevel.DISK)
				.withDataDirectory(data.resolve(COORDINATION_GROUP).toFile())
				.build());
		}
		Atomix built = builder.build();
		NoUnicastService.install(built);
		if (this.settings.voter() && this.settings.syncLog()) {
			this.syncedGroups.addAll(LogSyncPartitionGroup.install(built, this.settings.dataDirectory(),
					this.settings.members().size() == 1));
		}
		return built;
	}

	/**
	 * A single voter has nobody to split a vote with or to hear heartbeats from: it elects itself at once instead of
	 * waiting out the election timeout (which matters only at start-up, where it would delay every restart).
	 */
	private Duration electionTimeout() {
		return (this.settings.members().size() == 1) ? SINGLE_VOTER_ELECTION_TIMEOUT : this.settings.electionTimeout();
	}

	private void tuneRaftTimeouts(Set<String> tuned, boolean last) {
		try {
			for (String group : List.of(SYSTEM_GROUP, COORDINATION_GROUP)) {
				for (Partition partition : partitions(group)) {
					String id = partition.id().toString();
					if (partition instanceof RaftPartition raft && !tuned.contains(id)) {
						if (RaftInternals.tune(raft, electionTimeout(), this.settings.heartbeatInterval())) {
							tuned.add(id);
						}
						else if (last) {
							logger.warn("Could not set the Raft election timeout of partition {}; Atomix's 2.5 s applies",
									partition.id());
						}
					}
				}
			}
		}
		catch (RuntimeException ex) {
			// still starting: the next round or the final pass tunes it
			logger.trace("Raft servers not ready for tuning: {}", ex.toString());
		}
	}

	/**
	 * Opens a new Raft session with the coordination state machine. Not connected yet; it does not recover on its own
	 * (the caller opens a new one when it expires).
	 * @return the session client
	 */
	public SessionClient newSession() {
		return newSession(io.coordination.kv.ReadConsistency.LINEARIZABLE);
	}

	/**
	 * Opens a new Raft session with the coordination state machine, not connected yet.
	 * @param consistency how its queries are served: linearizable (through the leader) or sequential (by any member)
	 * @return the session client
	 */
	public SessionClient newSession(io.coordination.kv.ReadConsistency consistency) {
		List<Partition> partitions = partitions(COORDINATION_GROUP);
		if (partitions.isEmpty()) {
			throw new CoordinationUnavailableException(
					"No '" + COORDINATION_GROUP + "' partition group is known to member '" + this.settings.memberId() + "'");
		}
		RaftPartition partition = (RaftPartition) partitions.get(0);
		return partition.getClient()
			.sessionBuilder(CoordinationPrimitiveType.PRIMITIVE_NAME, CoordinationPrimitiveType.instance(),
					new ServiceConfig())
			.withMaxTimeout(this.settings.sessionTimeout())
			.withReadConsistency((consistency == io.coordination.kv.ReadConsistency.LINEARIZABLE)
					? ReadConsistency.LINEARIZABLE : ReadConsistency.SEQUENTIAL)
			.withCommunicationStrategy((consistency == io.coordination.kv.ReadConsistency.LINEARIZABLE)
					? CommunicationStrategy.LEADER : CommunicationStrategy.ANY)
			.withRecoveryStrategy(Recovery.CLOSE)
			.withMaxRetries(0)
			.build();
	}

	private List<Partition> partitions(String group) {
		PartitionGroup partitionGroup = this.atomix.getPartitionService().getPartitionGroup(group);
		if (partitionGroup == null) {
			return List.of();
		}
		List<Partition> partitions = new ArrayList<>(partitionGroup.getPartitions());
		partitions.sort(Comparator.comparing(Partition::id));
		return partitions;
	}

	/**
	 * The cluster as this member sees it.
	 * @return a live view
	 */
	public ClusterView clusterView() {
		return new AtomixClusterView();
	}

	@Override
	public void close() {
		if (this.atomix != null) {
			try {
				this.atomix.stop().get(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (ExecutionException | TimeoutException ex) {
				logger.warn("Member '{}' did not stop cleanly: {}", this.settings.memberId(), ex.toString());
			}
		}
	}

	/**
	 * Stops a member that failed to start. Atomix does not stop a Raft server whose start has not completed ("Server
	 * not running"): its threads, which are not daemons, would keep the JVM alive. Those servers are closed here.
	 */
	private void stopQuietly() {
		try {
			this.atomix.stop().get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			logger.debug("Stopping a member that failed to start: {}", ex.toString());
		}
		for (String group : List.of(SYSTEM_GROUP, COORDINATION_GROUP)) {
			try {
				for (Partition partition : partitions(group)) {
					if (partition instanceof RaftPartition raft) {
						RaftInternals.closeUnstarted(raft);
					}
				}
			}
			catch (RuntimeException ex) {
				logger.debug("Closing the Raft servers of group {}: {}", group, ex.toString());
			}
		}
	}

	private final class AtomixClusterView implements ClusterView {

		@Override
		public String localMemberId() {
			return AtomixNode.this.settings.memberId();
		}

		@Override
		public List<ClusterMember> members() {
			Set<String> voters = AtomixNode.this.settings.members()
				.stream()
				.map(MemberAddress::id)
				.collect(Collectors.toSet());
			List<ClusterMember> members = new ArrayList<>();
			Set<Member> known = AtomixNode.this.atomix.getMembershipService().getMembers();
			for (Member member : known) {
				String id = member.id().id();
				members.add(new ClusterMember(id, member.address().host(), member.address().port(), voters.contains(id),
						member.isReachable()));
			}
			for (MemberAddress voter : AtomixNode.this.settings.members()) {
				if (known.stream().noneMatch((m) -> m.id().id().equals(voter.id()))) {
					members.add(new ClusterMember(voter.id(), voter.host(), voter.port(), true, false));
				}
			}
			members.sort(Comparator.comparing(ClusterMember::id));
			return members;
		}

		@Override
		public List<RaftPartitionInfo> partitions() {
			List<RaftPartitionInfo> infos = new ArrayList<>();
			for (String group : List.of(SYSTEM_GROUP, COORDINATION_GROUP)) {
				for (Partition partition : AtomixNode.this.partitions(group)) {
					infos.add(describe(group, partition));
				}
			}
			return infos;
		}

		private RaftPartitionInfo describe(String group, Partition partition) {
			List<String> voters = partition.members().stream().map(MemberId::id).sorted().toList();
			MemberId primary = partition.primary();
			String leader = (primary != null) ? primary.id() : null;
			long term = partition.term();
			long commitIndex = 0;
			String role = "CLIENT";
			if (partition instanceof RaftPartition raft) {
				var context = RaftInternals.context(raft);
				if (context.isPresent()) {
					role = context.get().getRole().name();
					term = context.get().getTerm();
					commitIndex = context.get().getCommitIndex();
					var raftLeader = context.get().getLeader();
					leader = (raftLeader != null) ? raftLeader.memberId().id() : leader;
				}
			}
			return new RaftPartitionInfo(group, partition.id().id(), leader, term, commitIndex, voters, role);
		}

	}

}
