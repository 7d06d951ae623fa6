package io.coordination.core.internal.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import io.coordination.InputRules;
import io.coordination.core.internal.protocol.Query;
import io.coordination.core.internal.protocol.ResourceType;
import io.coordination.lock.LockMode;
import io.coordination.semaphore.DistributedSemaphore;
import io.coordination.semaphore.PermitLease;
import io.coordination.semaphore.SemaphoreInfo;

/**
 * A counting semaphore.
 */
final class DefaultSemaphore implements DistributedSemaphore {

	private final EmbeddedCoordination client;

	private final String name;

	private final int permits;

	DefaultSemaphore(EmbeddedCoordination client, String name, int permits) {
		this.client = client;
		this.name = name;
		this.permits = permits;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public int permits() {
		return this.permits;
	}

	@Override
	public PermitLease acquire() {
		return acquire(1);
	}

	@Override
	public PermitLease acquire(int count) {
		return acquire(count, null, null).orElseThrow();
	}

	@Override
	public Optional<PermitLease> tryAcquire(Duration waitTime) {
		return tryAcquire(1, waitTime);
	}

	@Override
	public Optional<PermitLease> tryAcquire(int count, Duration waitTime) {
		return acquire(count, Objects.requireNonNull(waitTime, "waitTime"), null);
	}

	@Override
	public Optional<PermitLease> tryAcquire(int count, Duration waitTime, Duration leaseTime) {
		return acquire(count, Objects.requireNonNull(waitTime, "waitTime"), Objects.requireNonNull(leaseTime, "leaseTime"));
	}

	private Optional<PermitLease> acquire(int count, Duration waitTime, Duration leaseTime) {
		InputRules.positive("permits", count);
		if (count > this.permits) {
			throw new IllegalArgumentException(
					"Cannot acquire " + count + " permits of semaphore '" + this.name + "' which has " + this.permits);
		}
		return this.client
			.acquire(ResourceType.SEMAPHORE, this.name, LockMode.EXCLUSIVE, count, this.permits, waitTime, leaseTime)
			.map(PermitLease.class::cast);
	}

	@Override
	public int availablePermits() {
		return info().available();
	}

	@Override
	public SemaphoreInfo info() {
		return (SemaphoreInfo) this.client.query(new Query.DescribeSemaphore(this.name, this.permits),
				"describe semaphore '" + this.name + "'");
	}

	@Override
	public String toString() {
		return "semaphore '" + this.name + "' (" + this.permits + " permits)";
	}

}
