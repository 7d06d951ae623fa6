package io.coordination.core.internal.client;

import io.coordination.core.internal.protocol.Query;
import io.coordination.core.internal.protocol.ResourceType;
import io.coordination.lock.DistributedLock;
import io.coordination.lock.DistributedReadWriteLock;
import io.coordination.lock.LockInfo;
import io.coordination.lock.LockMode;

/**
 * A read-write lock: two lock handles on one resource.
 */
final class DefaultReadWriteLock implements DistributedReadWriteLock {

	private final EmbeddedCoordination client;

	private final String name;

	private final DistributedLock readLock;

	private final DistributedLock writeLock;

	DefaultReadWriteLock(EmbeddedCoordination client, String name) {
		this.client = client;
		this.name = name;
		this.readLock = new DefaultDistributedLock(client, ResourceType.RW_LOCK, name, LockMode.READ);
		this.writeLock = new DefaultDistributedLock(client, ResourceType.RW_LOCK, name, LockMode.WRITE);
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public DistributedLock readLock() {
		return this.readLock;
	}

	@Override
	public DistributedLock writeLock() {
		return this.writeLock;
	}

	@Override
	public LockInfo info() {
		return (LockInfo) this.client.query(new Query.DescribeLock(ResourceType.RW_LOCK, this.name),
				"describe read-write lock '" + this.name + "'");
	}

}
