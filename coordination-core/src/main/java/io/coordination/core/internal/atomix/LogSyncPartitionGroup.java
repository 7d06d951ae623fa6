package io.coordination.core.internal.atomix;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.atomix.cluster.ClusterMembershipService;
import io.atomix.cluster.messaging.ClusterCommunicationService;
import io.atomix.core.Atomix;
import io.atomix.primitive.PrimitiveTypeRegistry;
import io.atomix.primitive.partition.ManagedPartitionGroup;
import io.atomix.primitive.partition.Partition;
import io.atomix.primitive.partition.PartitionGroupConfig;
import io.atomix.primitive.partition.PartitionId;
import io.atomix.primitive.partition.PartitionManagementService;
import io.atomix.primitive.partition.PrimaryElectionService;
import io.atomix.primitive.partition.impl.DefaultPartitionService;
import io.atomix.primitive.protocol.PrimitiveProtocol;
import io.atomix.primitive.protocol.ProxyProtocol;
import io.atomix.primitive.session.SessionIdService;
import io.atomix.protocols.raft.impl.RaftContext;
import io.atomix.protocols.raft.partition.RaftPartition;
import io.atomix.protocols.raft.partition.RaftPartitionGroup;

/**
 * A Raft partition group whose local servers sync their logs before acknowledging: Atomix's own group, joined with
 * {@link LogSyncMessaging} in place of the cluster messaging, so that the hook is there from the server's first
 * message (the server is built inside the group, out of reach). Everything else is the delegate's.
 * <p>
 * Atomix builds its groups itself from their configurations, so {@link #install} puts the wrappers into its partition
 * service after it is built and before it starts (the groups are joined at start).
 */
final class LogSyncPartitionGroup implements ManagedPartitionGroup {

	private final RaftPartitionGroup delegate;

	private final Path dataRoot;

	private final boolean singleVoter;

	private final Map<String, RaftPartition> partitions;

	private final Map<RaftContext, RaftLogSync> syncs = new ConcurrentHashMap<>();

	/**
	 * Wraps a group.
	 * @param delegate the group
	 * @param dataRoot the node's data directory
	 * @param singleVoter whether the group has a single member
	 */
	private LogSyncPartitionGroup(RaftPartitionGroup delegate, Path dataRoot, boolean singleVoter) {
		this.delegate = delegate;
		this.dataRoot = dataRoot;
		this.singleVoter = singleVoter;
		this.partitions = delegate.getPartitions()
			.stream()
			.map(RaftPartition.class::cast)
			.collect(Collectors.toUnmodifiableMap(RaftPartition::name, (partition) -> partition));
	}

	/**
	 * Wraps the Raft partition groups of a built, not yet started, Atomix member.
	 * @param atomix the member
	 * @param dataRoot its data directory
	 * @param singleVoter whether it is the only voter
	 * @return the wrappers, the management group's first
	 * @throws IllegalStateException if Atomix's partition service is not the one this was written against
	 */
	@SuppressWarnings("unchecked")
	static List<LogSyncPartitionGroup> install(Atomix atomix, Path dataRoot, boolean singleVoter) {
		try {
			Object service = atomix.getPartitionService();
			if (!(service instanceof DefaultPartitionService)) {
				throw new IllegalStateException("unexpected partition service " + service.getClass().getName());
			}
			List<LogSyncPartitionGroup> wrapped = new ArrayList<>();
			Field systemField = DefaultPartitionService.class.getDeclaredField("systemGroup");
			systemField.setAccessible(true);
			if (systemField.get(service) instanceof RaftPartitionGroup system) {
				LogSyncPartitionGroup group = new LogSyncPartitionGroup(system, dataRoot, singleVoter);
				systemField.set(service, group);
				wrapped.add(group);
			}
			Field groupsField = DefaultPartitionService.class.getDeclaredField("groups");
			groupsField.setAccessible(true);
			Map<String, ManagedPartitionGroup> groups = (Map<String, ManagedPartitionGroup>) groupsField.get(service);
			for (Map.Entry<String, ManagedPartitionGroup> entry : new TreeMap<>(groups).entrySet()) {
				if (entry.getValue() instanceof RaftPartitionGroup raft) {
					LogSyncPartitionGroup group = new LogSyncPartitionGroup(raft, dataRoot, singleVoter);
					groups.put(entry.getKey(), group);
					wrapped.add(group);
				}
			}
			if (wrapped.isEmpty()) {
				throw new IllegalStateException("no Raft partition group found");
			}
			return wrapped;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			throw new IllegalStateException("Cannot sync the Raft log: Atomix's partition groups are not reachable ("
					+ ex + ")", ex);
		}
	}

	/**
	 * The sync of a partition's local server, started the first time it is asked for.
	 * @param partitionName the partition
	 * @return the sync, or empty while the server does not exist yet
	 */
	Optional<DurableLog> log(String partitionName) {
		RaftPartition partition = this.partitions.get(partitionName);
		return (partition != null) ? sync(partition).map(DurableLog.class::cast) : Optional.empty();
	}

	private Optional<RaftLogSync> sync(RaftPartition partition) {
		return RaftInternals.context(partition)
			.map((raft) -> this.syncs.computeIfAbsent(raft,
					(created) -> RaftLogSync.start(created, this.dataRoot, this.singleVoter)));
	}

	/**
	 * Starts the sync of every local server that exists (the node calls this as soon as they do, so that a single
	 * voter syncs before its first commit).
	 * @return a future completed when every one of them is in place
	 */
	CompletableFuture<Void> startSyncs() {
		List<CompletableFuture<Void>> installed = new ArrayList<>();
		for (RaftPartition partition : this.partitions.values()) {
			sync(partition).ifPresent((sync) -> installed.add(sync.installed()));
		}
		return CompletableFuture.allOf(installed.toArray(CompletableFuture[]::new));
	}

	/**
	 * Whether every partition of this group has a local server whose sync is in place.
	 * @return whether all are installed
	 */
	boolean allSyncing() {
		for (RaftPartition partition : this.partitions.values()) {
			Optional<RaftLogSync> sync = sync(partition);
			if (sync.isEmpty() || !sync.get().installed().isDone() || sync.get().installed().isCompletedExceptionally()) {
				return false;
			}
		}
		return true;
	}

	@Override
	public CompletableFuture<ManagedPartitionGroup> join(PartitionManagementService managementService) {
		ClusterCommunicationService messaging = new LogSyncMessaging(managementService.getMessagingService(),
				Set.copyOf(this.partitions.keySet()), this::log);
		return this.delegate.join(new Management(managementService, messaging)).thenApply((joined) -> this);
	}

	@Override
	public CompletableFuture<ManagedPartitionGroup> connect(PartitionManagementService managementService) {
		return this.delegate.connect(managementService).thenApply((connected) -> this);
	}

	@Override
	public CompletableFuture<Void> close() {
		return this.delegate.close();
	}

	@Override
	public String name() {
		return this.delegate.name();
	}

	@Override
	public Type type() {
		return this.delegate.type();
	}

	@Override
	public PrimitiveProtocol.Type protocol() {
		return this.delegate.protocol();
	}

	@Override
	public PartitionGroupConfig config() {
		return this.delegate.config();
	}

	@Override
	public ProxyProtocol newProtocol() {
		return this.delegate.newProtocol();
	}

	@Override
	public Partition getPartition(PartitionId partitionId) {
		return this.delegate.getPartition(partitionId);
	}

	@Override
	public Collection<Partition> getPartitions() {
		return this.delegate.getPartitions();
	}

	@Override
	public List<PartitionId> getPartitionIds() {
		return this.delegate.getPartitionIds();
	}

	@Override
	public CompletableFuture<Void> snapshot(PartitionId partitionId) {
		return this.delegate.snapshot(partitionId);
	}

	@Override
	public CompletableFuture<Void> snapshot() {
		return this.delegate.snapshot();
	}

	@Override
	public String toString() {
		return this.delegate.toString();
	}

	/**
	 * The partition management service with our messaging.
	 */
	private record Management(PartitionManagementService delegate,
			ClusterCommunicationService messaging) implements PartitionManagementService {

		@Override
		public ClusterMembershipService getMembershipService() {
			return this.delegate.getMembershipService();
		}

		@Override
		public ClusterCommunicationService getMessagingService() {
			return this.messaging;
		}

		@Override
		public PrimitiveTypeRegistry getPrimitiveTypes() {
			return this.delegate.getPrimitiveTypes();
		}

		@Override
		public PrimaryElectionService getElectionService() {
			return this.delegate.getElectionService();
		}

		@Override
		public SessionIdService getSessionIdService() {
			return this.delegate.getSessionIdService();
		}

	}

}
