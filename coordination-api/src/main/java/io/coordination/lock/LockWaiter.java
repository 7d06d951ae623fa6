package io.coordination.lock;

import java.time.Instant;
import java.util.Objects;

import io.coordination.Owner;

/**
 * One waiter of a lock.
 *
 * @param owner who waits
 * @param mode the mode it asked for
 * @param since when it started waiting (log time)
 */
public record LockWaiter(Owner owner, LockMode mode, Instant since) {

	/**
	 * Validates the components.
	 * @param owner who waits
	 * @param mode the mode asked for
	 * @param since when it started waiting
	 */
	public LockWaiter {
		Objects.requireNonNull(owner, "owner");
		Objects.requireNonNull(mode, "mode");
		Objects.requireNonNull(since, "since");
	}

}
