package io.coordination.core.internal.client;

import java.time.Duration;
import java.util.Objects;

import io.coordination.barrier.DoubleBarrier;
import io.coordination.core.internal.protocol.Command;
import io.coordination.core.internal.protocol.Result;

/**
 * A double barrier.
 */
final class DefaultDoubleBarrier implements DoubleBarrier {

	private final EmbeddedCoordination client;

	private final String name;

	private final int parties;

	DefaultDoubleBarrier(EmbeddedCoordination client, String name, int parties) {
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
	public boolean enter(Duration timeout) {
		Objects.requireNonNull(timeout, "timeout");
		String owner = Owners.current();
		Result result = this.client.awaitRequest(
				(requestId, waitMillis) -> new Command.EnterDoubleBarrier(requestId, this.name, owner, this.parties),
				timeout, "enter double barrier '" + this.name + "'");
		return DefaultBarrier.completed(this.name, result);
	}

	@Override
	public boolean leave(Duration timeout) {
		Objects.requireNonNull(timeout, "timeout");
		String owner = Owners.current();
		Result result = this.client.awaitRequest(
				(requestId, waitMillis) -> new Command.LeaveDoubleBarrier(requestId, this.name, owner), timeout,
				"leave double barrier '" + this.name + "'");
		return DefaultBarrier.completed(this.name, result);
	}

}
