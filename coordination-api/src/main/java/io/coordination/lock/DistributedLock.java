package io.coordination.lock;

import java.time.Duration;
import java.util.Optional;

/**
 * A cluster-wide lock with fencing tokens: exclusive (from {@link io.coordination.Coordination#lock(String)}) or one
 * side of a {@link DistributedReadWriteLock}.
 * <p>
 * <b>Ownership.</b> The owner is the acquiring thread within this client's session: the same thread acquiring again
 * while it holds the lock gets a new lease with the same fencing token (reentrancy; every lease must be closed).
 * Another thread, in this process or another, waits. A lease may be closed from any thread.
 * <p>
 * <b>Fairness.</b> Waiters are granted in arrival order. When a holder's session expires, its lease time elapses or
 * it is released by an operator, the next waiter is granted with a strictly greater fencing token.
 * <p>
 * <b>Failures.</b> Every call is bounded: when the cluster cannot be reached it fails with
 * {@link io.coordination.CoordinationUnavailableException}, which is distinct from "held by another" (an empty
 * result).
 */
public interface DistributedLock {

	/**
	 * Name of the lock.
	 * @return the name
	 */
	String name();

	/**
	 * Acquires the lock, waiting as long as it takes.
	 * @return the lease
	 * @throws DeadlockDetectedException if waiting would deadlock and the client fails deadlocked waiters
	 * @throws io.coordination.CoordinationInterruptedException if the thread is interrupted while waiting
	 */
	LockLease lock();

	/**
	 * Acquires the lock, waiting as long as it takes; the cluster releases it after {@code leaseTime} unless closed
	 * earlier.
	 * @param leaseTime longest time the lease is held, on the cluster's log time; positive
	 * @return the lease
	 */
	LockLease lock(Duration leaseTime);

	/**
	 * Acquires the lock if it is free now.
	 * @return the lease, or empty if another owner holds it
	 */
	Optional<LockLease> tryLock();

	/**
	 * Acquires the lock, waiting at most {@code waitTime}.
	 * @param waitTime longest wait; zero means do not wait
	 * @return the lease, or empty if it could not be acquired in time
	 */
	Optional<LockLease> tryLock(Duration waitTime);

	/**
	 * Acquires the lock, waiting at most {@code waitTime}; the cluster releases it after {@code leaseTime}.
	 * @param waitTime longest wait; zero means do not wait
	 * @param leaseTime longest time the lease is held, on the cluster's log time; positive
	 * @return the lease, or empty if it could not be acquired in time
	 */
	Optional<LockLease> tryLock(Duration waitTime, Duration leaseTime);

	/**
	 * Whether any owner holds the lock now (a linearizable read).
	 * @return whether it is held
	 */
	boolean isLocked();

	/**
	 * Whether {@code fencingToken} is the token of a current holder of this lock (a linearizable read). A protected
	 * resource can use it to validate a token it receives.
	 * @param fencingToken the token to check
	 * @return whether the token belongs to a current holder
	 */
	boolean isHeldBy(long fencingToken);

	/**
	 * Holders and waiters now.
	 * @return the lock's state
	 */
	LockInfo info();

	/**
	 * Releases the lock whoever holds it (an operator action). The holders are told with
	 * {@link io.coordination.LostReason#FORCED_RELEASE}; the next waiter is granted.
	 * @return whether anything was held
	 */
	boolean forceRelease();

	/**
	 * Releases one hold, named by its fencing token, if it still exists (an operator action that must not hit a later
	 * holder: read {@link #info()}, then release what was seen). The holder is told with
	 * {@link io.coordination.LostReason#FORCED_RELEASE}; the next waiter is granted.
	 * @param fencingToken the token of the hold
	 * @return whether that hold existed and was released
	 */
	boolean forceRelease(long fencingToken);

}
