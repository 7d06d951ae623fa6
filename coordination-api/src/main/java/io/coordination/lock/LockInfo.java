package io.coordination.lock;

import java.util.List;
import java.util.Objects;

/**
 * A lock's holders and waiters at one point of the log.
 *
 * @param name lock name
 * @param kind exclusive or read-write
 * @param holders current holders (one, or several readers)
 * @param waiters waiters in the order they will be granted
 */
public record LockInfo(String name, LockKind kind, List<LockHolder> holders, List<LockWaiter> waiters) {

	/**
	 * Copies the lists.
	 * @param name lock name
	 * @param kind exclusive or read-write
	 * @param holders current holders
	 * @param waiters waiters in grant order
	 */
	public LockInfo {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(kind, "kind");
		holders = List.copyOf(holders);
		waiters = List.copyOf(waiters);
	}

	/**
	 * Whether anyone holds the lock.
	 * @return whether it is held
	 */
	public boolean isLocked() {
		return !this.holders.isEmpty();
	}

}
