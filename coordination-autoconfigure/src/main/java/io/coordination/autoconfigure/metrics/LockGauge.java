package io.coordination.autoconfigure.metrics;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Leases held through the application's {@code Coordination} bean: {@code coordination.lock.active}.
 */
final class LockGauge {

	private final AtomicInteger held = new AtomicInteger();

	void held() {
		this.held.incrementAndGet();
	}

	void released() {
		this.held.decrementAndGet();
	}

	int value() {
		return this.held.get();
	}

}
