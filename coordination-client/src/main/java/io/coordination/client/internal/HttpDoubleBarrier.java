package io.coordination.client.internal;

import java.time.Duration;

import io.coordination.InputRules;
import io.coordination.barrier.DoubleBarrier;

/**
 * A double barrier through the sidecar: the calling thread is the participant, under the client's session; it leaves
 * from the thread that entered.
 */
public final class HttpDoubleBarrier implements DoubleBarrier {

	private final ClientSession session;

	private final Api api;

	private final String name;

	private final int parties;

	/**
	 * Creates the barrier.
	 * @param session the session
	 * @param api the API
	 * @param name the barrier
	 * @param parties its party count
	 */
	public HttpDoubleBarrier(ClientSession session, Api api, String name, int parties) {
		this.session = session;
		this.api = api;
		this.name = InputRules.name("barrier", name);
		this.parties = HttpBarrier.partyCount(parties);
	}

	private String base() {
		return "/v1/double-barriers/" + Api.segment(this.name);
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
		return HttpBarrier.pass(this.session, this.api, base() + "/enter", this.parties,
				HttpBarrier.timeout(timeout));
	}

	@Override
	public boolean leave(Duration timeout) {
		return HttpBarrier.pass(this.session, this.api, base() + "/leave", this.parties,
				HttpBarrier.timeout(timeout));
	}

	@Override
	public String toString() {
		return "double barrier '" + this.name + "' (" + this.parties + " parties) via the sidecar";
	}

}
