package io.coordination.core.internal.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import io.coordination.core.internal.protocol.Command;
import io.coordination.core.internal.protocol.Query;
import io.coordination.core.internal.protocol.ResourceType;
import io.coordination.core.internal.protocol.Result;
import io.coordination.lock.DistributedLock;
import io.coordination.lock.LockInfo;
import io.coordination.lock.LockLease;
import io.coordination.lock.LockMode;

/**
 * An exclusive lock, or one side of a read-write lock.
 */
final class DefaultDistributedLock implements DistributedLock {

	private final EmbeddedCoordination client;

	private final ResourceType type;

	private final String name;

	private final LockMode mode;

	DefaultDistributedLock(EmbeddedCoordination client, ResourceType type, String name, LockMode mode) {
		this.client = client;
		this.type = type;
		this.name = name;
		this.mode = mode;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public LockLease lock() {
		return acquire(null, null).orElseThrow();
	}

	@Override
	public LockLease lock(Duration leaseTime) {
		return acquire(null, Objects.requireNonNull(leaseTime, "leaseTime")).orElseThrow();
	}

	@Override
	public Optional<LockLease> tryLock() {
		return acquire(Duration.ZERO, null);
	}

	@Override
	public Optional<LockLease> tryLock(Duration waitTime) {
		return acquire(Objects.requireNonNull(waitTime, "waitTime"), null);
	}

	@Override
	public Optional<LockLease> tryLock(Duration waitTime, Duration leaseTime) {
		return acquire(Objects.requireNonNull(waitTime, "waitTime"), Objects.requireNonNull(leaseTime, "leaseTime"));
	}

	private Optional<LockLease> acquire(Duration waitTime, Duration leaseTime) {
		return this.client.acquire(this.type, this.name, this.mode, 1, 0, waitTime, leaseTime).map(LockLease.class::cast);
	}

	@Override
	public boolean isLocked() {
		return info().isLocked();
	}

	@Override
	public boolean isHeldBy(long fencingToken) {
		return (Boolean) this.client.query(new Query.IsHeld(this.type, this.name, fencingToken),
				"check a token of " + this.type.noun() + " '" + this.name + "'");
	}

	@Override
	public LockInfo info() {
		return (LockInfo) this.client.query(new Query.DescribeLock(this.type, this.name),
				"describe " + this.type.noun() + " '" + this.name + "'");
	}

	@Override
	public boolean forceRelease() {
		Result result = this.client.execute(new Command.ForceRelease(this.type, this.name),
				"force the release of " + this.type.noun() + " '" + this.name + "'");
		return result instanceof Result.Done done && done.changed();
	}

	@Override
	public boolean forceRelease(long fencingToken) {
		Result result = this.client.execute(new Command.ForceRelease(this.type, this.name, fencingToken),
				"force the release of " + this.type.noun() + " '" + this.name + "' (token " + fencingToken + ")");
		return result instanceof Result.Done done && done.changed();
	}

	@Override
	public String toString() {
		return this.type.noun() + " '" + this.name + "'" + ((this.mode != LockMode.EXCLUSIVE) ? " (" + this.mode + ")" : "");
	}

}
