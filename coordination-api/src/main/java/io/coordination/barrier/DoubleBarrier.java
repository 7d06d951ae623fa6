package io.coordination.barrier;

import java.time.Duration;

/**
 * A double barrier: {@link #enter(Duration)} waits until {@link #parties()} participants have entered, so a
 * computation starts together; {@link #leave(Duration)} waits until all who entered have left, so it ends together. A
 * participant whose session expires counts as having left.
 */
public interface DoubleBarrier {

	/**
	 * Name of the barrier.
	 * @return the name
	 */
	String name();

	/**
	 * Number of participants.
	 * @return the party count
	 */
	int parties();

	/**
	 * Enters and waits until all parties have entered.
	 * @param timeout longest wait
	 * @return {@code true} once all have entered; {@code false} on timeout (the caller was withdrawn)
	 * @throws BarrierPartiesMismatchException if the barrier is in use with another party count
	 */
	boolean enter(Duration timeout);

	/**
	 * Leaves and waits until every participant that entered has left.
	 * @param timeout longest wait
	 * @return {@code true} once all have left; {@code false} on timeout (the caller has left regardless)
	 * @throws IllegalStateException if the caller has not entered
	 */
	boolean leave(Duration timeout);

}
