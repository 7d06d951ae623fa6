package io.coordination.core.internal.client;

import java.time.Duration;

import io.coordination.core.internal.protocol.StoreLimits;

/**
 * How a client behaves.
 *
 * @param sessionTimeout how long the cluster keeps the session without hearing from the client
 * @param operationTimeout longest wait for any single call to the cluster
 * @param failOnDeadlock whether a wait that closes a deadlock cycle fails (otherwise it is only reported)
 * @param maxBatch most commands in one Raft entry
 * @param maxInFlight most batches on the way at once
 * @param limits budgets of stored data sent with every batch
 */
public record ClientSettings(Duration sessionTimeout, Duration operationTimeout, boolean failOnDeadlock, int maxBatch,
		int maxInFlight, StoreLimits limits) {
}
