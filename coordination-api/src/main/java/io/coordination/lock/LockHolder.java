package io.coordination.lock;

import java.time.Instant;
import java.util.Objects;

import io.coordination.Owner;

/**
 * One holder of a lock.
 *
 * @param owner who holds it
 * @param mode how it is held
 * @param fencingToken token of the grant
 * @param holdCount reentrant holds by this owner
 * @param since when it was granted (log time)
 * @param leaseExpiresAt when the cluster releases it on its own, or {@code null} without a lease time
 */
public record LockHolder(Owner owner, LockMode mode, long fencingToken, int holdCount, Instant since,
		Instant leaseExpiresAt) {

	/**
	 * Validates the components.
	 * @param owner who holds it
	 * @param mode how it is held
	 * @param fencingToken token of the grant
	 * @param holdCount reentrant holds
	 * @param since when it was granted
	 * @param leaseExpiresAt lease expiry or {@code null}
	 */
	public LockHolder {
		Objects.requireNonNull(owner, "owner");
		Objects.requireNonNull(mode, "mode");
		Objects.requireNonNull(since, "since");
	}

}
