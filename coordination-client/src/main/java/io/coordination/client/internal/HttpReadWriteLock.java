package io.coordination.client.internal;

import io.coordination.InputRules;
import io.coordination.lock.DistributedLock;
import io.coordination.lock.DistributedReadWriteLock;
import io.coordination.lock.LockInfo;
import io.coordination.lock.LockMode;

/**
 * A read-write lock through the sidecar.
 */
public final class HttpReadWriteLock implements DistributedReadWriteLock {

	private final ClientSession session;

	private final Api api;

	private final String name;

	/**
	 * Creates the lock.
	 * @param session the session
	 * @param api the API
	 * @param name the lock
	 */
	public HttpReadWriteLock(ClientSession session, Api api, String name) {
		this.session = session;
		this.api = api;
		this.name = InputRules.name("lock", name);
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public DistributedLock readLock() {
		return new HttpLock(this.session, this.api, this.name, LockMode.READ);
	}

	@Override
	public DistributedLock writeLock() {
		return new HttpLock(this.session, this.api, this.name, LockMode.WRITE);
	}

	@Override
	public LockInfo info() {
		return this.api.call("GET", "/v1/rwlocks/" + Api.segment(this.name)).as(LockInfo.class);
	}

}
