package io.coordination.semaphore;

import java.time.Duration;
import java.util.Optional;

/**
 * A cluster-wide counting semaphore. The total permit count is stored on the cluster: every acquisition states the
 * count it expects, and a mismatch fails with {@link PermitCountMismatchException}. Waiters are served in arrival
 * order (a waiter asking for many permits is not overtaken by later, smaller requests). Every grant is a lease with a
 * fencing token; permits held by a session are returned when it expires.
 */
public interface DistributedSemaphore {

	/**
	 * Name of the semaphore.
	 * @return the name
	 */
	String name();

	/**
	 * Total number of permits.
	 * @return the count this handle was created with
	 */
	int permits();

	/**
	 * Acquires one permit, waiting as long as it takes.
	 * @return the lease
	 */
	PermitLease acquire();

	/**
	 * Acquires {@code permits} permits, waiting as long as it takes.
	 * @param permits how many, between 1 and {@link #permits()}
	 * @return the lease
	 */
	PermitLease acquire(int permits);

	/**
	 * Acquires one permit, waiting at most {@code waitTime}.
	 * @param waitTime longest wait; zero means do not wait
	 * @return the lease, or empty if none was free in time
	 */
	Optional<PermitLease> tryAcquire(Duration waitTime);

	/**
	 * Acquires {@code permits} permits, waiting at most {@code waitTime}.
	 * @param permits how many, between 1 and {@link #permits()}
	 * @param waitTime longest wait; zero means do not wait
	 * @return the lease, or empty if they were not free in time
	 */
	Optional<PermitLease> tryAcquire(int permits, Duration waitTime);

	/**
	 * Acquires {@code permits} permits, waiting at most {@code waitTime}; the cluster returns them after
	 * {@code leaseTime}.
	 * @param permits how many, between 1 and {@link #permits()}
	 * @param waitTime longest wait; zero means do not wait
	 * @param leaseTime longest time the permits are held, on the cluster's log time; positive
	 * @return the lease, or empty if they were not free in time
	 */
	Optional<PermitLease> tryAcquire(int permits, Duration waitTime, Duration leaseTime);

	/**
	 * Permits free now (a linearizable read).
	 * @return the number of free permits
	 */
	int availablePermits();

	/**
	 * Holders and waiters now.
	 * @return the semaphore's state
	 */
	SemaphoreInfo info();

}
