package io.coordination.semaphore;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.coordination.Owner;

/**
 * A semaphore's state at one point of the log.
 *
 * @param name semaphore name
 * @param permits total permits
 * @param available free permits
 * @param holders current holders
 * @param waiters waiters in the order they will be served
 */
public record SemaphoreInfo(String name, int permits, int available, List<Holder> holders, List<Waiter> waiters) {

	/**
	 * Copies the lists.
	 * @param name semaphore name
	 * @param permits total permits
	 * @param available free permits
	 * @param holders current holders
	 * @param waiters waiters in order
	 */
	public SemaphoreInfo {
		Objects.requireNonNull(name, "name");
		holders = List.copyOf(holders);
		waiters = List.copyOf(waiters);
	}

	/**
	 * One lease of permits.
	 *
	 * @param owner who holds them
	 * @param permits how many
	 * @param fencingToken token of the grant
	 * @param since when they were granted (log time)
	 * @param leaseExpiresAt when the cluster returns them on its own, or {@code null}
	 */
	public record Holder(Owner owner, int permits, long fencingToken, Instant since, Instant leaseExpiresAt) {
	}

	/**
	 * One waiting request.
	 *
	 * @param owner who waits
	 * @param permits how many it asks for
	 * @param since when it started waiting (log time)
	 */
	public record Waiter(Owner owner, int permits, Instant since) {
	}

}
