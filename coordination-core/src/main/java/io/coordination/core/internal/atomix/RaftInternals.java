package io.coordination.core.internal.atomix;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Optional;

import io.atomix.protocols.raft.impl.RaftContext;
import io.atomix.protocols.raft.partition.RaftPartition;
import io.atomix.protocols.raft.partition.impl.RaftPartitionServer;
import io.atomix.protocols.raft.RaftServer;
import io.atomix.protocols.raft.roles.FollowerRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reaches the Raft server of a partition that Atomix 3.1.12's partition groups keep private. Two uses: the
 * partition group fixes the election timeout at 2.5 s and the heartbeat at 250 ms, which bounds failover; the
 * server's context accepts new values at run time (every follower reads them when it resets its election timer).
 * And the cluster view reads the local role and term. Every access degrades to "unknown" rather than failing.
 */
public final class RaftInternals {

	private static final Logger logger = LoggerFactory.getLogger(RaftInternals.class);

	private RaftInternals() {
	}

	/**
	 * The Raft context of the local server of a partition.
	 * @param partition the partition
	 * @return the context, or empty if this member does not serve the partition or the internals are not reachable
	 */
	static Optional<RaftContext> context(RaftPartition partition) {
		try {
			Object partitionServer = field(RaftPartition.class, "server").get(partition);
			if (!(partitionServer instanceof RaftPartitionServer)) {
				return Optional.empty();
			}
			Object server = field(RaftPartitionServer.class, "server").get(partitionServer);
			if (!(server instanceof RaftServer)) {
				return Optional.empty();
			}
			Object context = field(server.getClass(), "context").get(server);
			return (context instanceof RaftContext raft) ? Optional.of(raft) : Optional.empty();
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.debug("Raft internals of partition {} are not reachable: {}", partition.id(), ex.toString());
			return Optional.empty();
		}
	}

	/**
	 * Sets the election timeout and heartbeat interval of the local server of a partition.
	 * @param partition the partition
	 * @param electionTimeout the election timeout (followers wait a random time between it and twice it)
	 * @param heartbeatInterval the leader's heartbeat interval
	 * @return whether they could be set
	 */
	static boolean tune(RaftPartition partition, Duration electionTimeout, Duration heartbeatInterval) {
		Optional<RaftContext> context = context(partition);
		context.ifPresent((raft) -> raft.getThreadContext().execute(() -> {
			raft.setElectionTimeout(electionTimeout);
			raft.setHeartbeatInterval(heartbeatInterval);
			rearmElectionTimer(raft);
		}));
		return context.isPresent();
	}

	/**
	 * A follower that started before the timeouts were tuned waits out Atomix's 2.5 to 5 s before its first election
	 * (twice on a fresh start: the system group, then ours). Restarting its timer applies the tuned timeout now; the
	 * timer is what a leader's heartbeat restarts anyway, so this never disturbs a healthy cluster.
	 */
	private static void rearmElectionTimer(RaftContext raft) {
		if (!(raft.getRaftRole() instanceof FollowerRole follower)) {
			return;
		}
		try {
			Method reset = FollowerRole.class.getDeclaredMethod("resetHeartbeatTimeout");
			reset.setAccessible(true);
			reset.invoke(follower);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.debug("Could not restart the election timer of {}: {}", raft.getName(), ex.toString());
		}
	}

	/**
	 * Closes the local Raft server of a partition whose start never completed: Atomix's shutdown refuses it, and its
	 * thread contexts, which are not daemons, would outlive the member.
	 * @param partition the partition
	 */
	static void closeUnstarted(RaftPartition partition) {
		context(partition).ifPresent((raft) -> {
			try {
				raft.close();
			}
			catch (RuntimeException ex) {
				logger.debug("Closing the Raft server of {}: {}", raft.getName(), ex.toString());
			}
		});
	}

	/**
	 * Atomix's Raft client retries a command it could not deliver after 1, 1, 2, 3 then 5 s: when an election takes a
	 * little longer than 2 s, the third retry waits until 4 s. Retrying every second instead bounds the wait after a
	 * leader change to about one second past the election. The array is shared by every Atomix client of the JVM;
	 * only its delays change.
	 * @return whether the delays could be set
	 */
	static synchronized boolean retryEverySecond() {
		try {
			Class<?> invoker = Class.forName("io.atomix.protocols.raft.session.impl.RaftSessionInvoker");
			Field field = field(invoker, "FIBONACCI");
			int[] delays = (int[]) field.get(null);
			java.util.Arrays.fill(delays, 1);
			return true;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.debug("Atomix's Raft client retry delays are not reachable: {}", ex.toString());
			return false;
		}
	}

	private static Field field(Class<?> type, String name) throws NoSuchFieldException {
		Class<?> current = type;
		while (current != null) {
			try {
				Field field = current.getDeclaredField(name);
				field.setAccessible(true);
				return field;
			}
			catch (NoSuchFieldException ex) {
				current = current.getSuperclass();
			}
		}
		throw new NoSuchFieldException(type.getName() + "." + name);
	}

}
