package io.coordination;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

import io.coordination.barrier.DistributedBarrier;
import io.coordination.barrier.DoubleBarrier;
import io.coordination.cluster.ClusterView;
import io.coordination.config.ConfigStore;
import io.coordination.discovery.ServiceRegistry;
import io.coordination.election.LeaderElection;
import io.coordination.group.GroupMembership;
import io.coordination.kv.KeyValueStore;
import io.coordination.lock.DistributedLock;
import io.coordination.lock.DistributedReadWriteLock;
import io.coordination.lock.LockLease;
import io.coordination.lock.MultiLockLease;
import io.coordination.semaphore.DistributedSemaphore;
import io.coordination.session.CoordinationSession;

/**
 * Entry point: hands out coordination primitives by name. Handles are cheap (creating one sends nothing to the
 * cluster) and thread-safe; the same name always designates the same cluster-wide resource.
 * <p>
 * Names are 1 to {@value #MAX_NAME_LENGTH} characters without control characters; lock, read-write lock, semaphore,
 * election and barrier names live in separate namespaces.
 */
public interface Coordination extends AutoCloseable {

	/**
	 * Longest accepted resource name, in characters.
	 */
	int MAX_NAME_LENGTH = 256;

	/**
	 * An exclusive, reentrant, fair lock with fencing tokens.
	 * @param name the lock name
	 * @return a handle to the lock
	 * @throws IllegalArgumentException if the name is invalid
	 */
	DistributedLock lock(String name);

	/**
	 * A read-write lock with writer preference.
	 * @param name the lock name
	 * @return a handle to the lock
	 * @throws IllegalArgumentException if the name is invalid
	 */
	DistributedReadWriteLock readWriteLock(String name);

	/**
	 * A counting semaphore. The permit count is stored on the cluster by the first user; asking for the same name
	 * with another count fails with {@link io.coordination.semaphore.PermitCountMismatchException} on acquisition.
	 * @param name the semaphore name
	 * @param permits total number of permits, at least 1
	 * @return a handle to the semaphore
	 * @throws IllegalArgumentException if the name or the count is invalid
	 */
	DistributedSemaphore semaphore(String name, int permits);

	/**
	 * A leader election group.
	 * @param group the group name
	 * @return a handle to the election
	 * @throws IllegalArgumentException if the name is invalid
	 */
	LeaderElection election(String group);

	/**
	 * A cyclic barrier for {@code parties} participants.
	 * @param name the barrier name
	 * @param parties number of participants that trip the barrier, at least 1
	 * @return a handle to the barrier
	 * @throws IllegalArgumentException if the name or the count is invalid
	 */
	DistributedBarrier barrier(String name, int parties);

	/**
	 * A double barrier: participants enter together and leave together.
	 * @param name the barrier name
	 * @param parties number of participants, at least 1
	 * @return a handle to the barrier
	 * @throws IllegalArgumentException if the name or the count is invalid
	 */
	DoubleBarrier doubleBarrier(String name, int parties);

	/**
	 * Acquires several locks, in canonical (sorted) order so that two callers can never deadlock on them, waiting at
	 * most {@code waitTime} in all. Either every lock is acquired or none is kept.
	 * @param waitTime how long to wait in all
	 * @param names the lock names; duplicates are acquired once
	 * @return the leases, or empty if not all could be acquired in time
	 */
	default Optional<MultiLockLease> lockAll(Duration waitTime, Collection<String> names) {
		Objects.requireNonNull(waitTime, "waitTime");
		Objects.requireNonNull(names, "names");
		if (waitTime.isNegative()) {
			throw new IllegalArgumentException("waitTime must not be negative: " + waitTime);
		}
		long deadline = System.nanoTime() + waitTime.toNanos();
		List<LockLease> acquired = new ArrayList<>();
		try {
			for (String name : new TreeSet<>(names)) {
				Duration remaining = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
				Optional<LockLease> lease = lock(name).tryLock(remaining);
				if (lease.isEmpty()) {
					MultiLockLease.releaseInReverse(acquired);
					return Optional.empty();
				}
				acquired.add(lease.get());
			}
		}
		catch (RuntimeException ex) {
			MultiLockLease.releaseInReverse(acquired);
			throw ex;
		}
		return Optional.of(new MultiLockLease(acquired));
	}

	/**
	 * Acquires several locks in canonical order, waiting as long as it takes.
	 * @param names the lock names
	 * @return the leases
	 */
	default MultiLockLease lockAll(String... names) {
		List<LockLease> acquired = new ArrayList<>();
		try {
			for (String name : new TreeSet<>(List.of(names))) {
				acquired.add(lock(name).lock());
			}
		}
		catch (RuntimeException ex) {
			MultiLockLease.releaseInReverse(acquired);
			throw ex;
		}
		return new MultiLockLease(acquired);
	}

	/**
	 * The key-value store with revisions and watches.
	 * @return the store
	 */
	KeyValueStore keyValue();

	/**
	 * Versioned configuration documents.
	 * @return the configuration store
	 */
	ConfigStore config();

	/**
	 * The service registry.
	 * @return the registry
	 */
	ServiceRegistry discovery();

	/**
	 * A group membership.
	 * @param name the group
	 * @return a handle to the group
	 * @throws IllegalArgumentException if the name is invalid
	 */
	GroupMembership group(String name);

	/**
	 * This client's session with the cluster: everything acquired through this instance is bound to it.
	 * @return the session
	 */
	CoordinationSession session();

	/**
	 * The cluster as this node sees it: members, Raft partitions, leaders and terms.
	 * @return the cluster view
	 */
	ClusterView cluster();

	/**
	 * Who holds and waits for what, cluster-wide, and the deadlocks detected.
	 * @return the inspector
	 */
	CoordinationInspector inspector();

	/**
	 * Releases everything held through this instance and closes its session.
	 */
	@Override
	void close();

}
