package io.coordination.core.internal.client;

import java.time.Duration;
import java.util.Objects;

import io.coordination.barrier.BarrierInfo;
import io.coordination.barrier.DistributedBarrier;
import io.coordination.core.internal.protocol.Command;
import io.coordination.core.internal.protocol.ErrorCode;
import io.coordination.core.internal.protocol.Query;
import io.coordination.core.internal.protocol.Result;

/**
 * A cyclic barrier.
 */
final class DefaultBarrier implements DistributedBarrier {

	private final EmbeddedCoordination client;

	private final String name;

	private final int parties;

	DefaultBarrier(EmbeddedCoordination client, String name, int parties) {
		this.client = client;
		this.name = name;
		this.parties = parties;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public int parties() {
		return this.parties;
	}

	@Override
	public boolean await(Duration timeout) {
		Objects.requireNonNull(timeout, "timeout");
		String owner = Owners.current();
		Result result = this.client.awaitRequest(
				(requestId, waitMillis) -> new Command.AwaitBarrier(requestId, this.name, owner, this.parties), timeout,
				"wait at barrier '" + this.name + "'");
		return completed(this.name, result);
	}

	@Override
	public int waiting() {
		return ((BarrierInfo) this.client.query(new Query.DescribeBarrier(this.name, BarrierInfo.Type.CYCLIC, this.parties),
				"describe barrier '" + this.name + "'")).participants().size();
	}

	static boolean completed(String name, Result result) {
		if (result instanceof Result.Tripped) {
			return true;
		}
		if (result instanceof Result.Failed failed) {
			if (failed.code() == ErrorCode.TIMED_OUT) {
				return false;
			}
			throw EmbeddedCoordination.failure(name, failed);
		}
		throw new IllegalStateException("Unexpected answer from the cluster: " + result);
	}

}
