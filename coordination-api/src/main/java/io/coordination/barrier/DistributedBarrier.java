package io.coordination.barrier;

import java.time.Duration;

/**
 * A cyclic barrier: each {@link #await(Duration)} waits until {@link #parties()} participants are waiting, then all
 * are released together and the barrier resets for the next generation. A participant whose wait times out, or whose
 * session expires, is withdrawn and does not count.
 */
public interface DistributedBarrier {

	/**
	 * Name of the barrier.
	 * @return the name
	 */
	String name();

	/**
	 * Number of participants that trip the barrier.
	 * @return the party count
	 */
	int parties();

	/**
	 * Waits for the other participants.
	 * @param timeout longest wait
	 * @return {@code true} if the barrier tripped, {@code false} if the wait timed out (the caller was withdrawn)
	 * @throws BarrierPartiesMismatchException if the barrier is in use with another party count
	 */
	boolean await(Duration timeout);

	/**
	 * Participants waiting now.
	 * @return the number waiting
	 */
	int waiting();

}
