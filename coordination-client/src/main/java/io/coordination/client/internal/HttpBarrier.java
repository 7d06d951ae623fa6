package io.coordination.client.internal;

import java.time.Duration;
import java.util.Objects;

import io.coordination.InputRules;
import io.coordination.barrier.BarrierInfo;
import io.coordination.barrier.DistributedBarrier;

/**
 * A cyclic barrier through the sidecar: the calling thread is the participant, under the client's session.
 */
public final class HttpBarrier implements DistributedBarrier {

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
	public HttpBarrier(ClientSession session, Api api, String name, int parties) {
		this.session = session;
		this.api = api;
		this.name = InputRules.name("barrier", name);
		this.parties = partyCount(parties);
	}

	/**
	 * Checks a timeout of a wait.
	 * @param timeout the timeout
	 * @return the timeout
	 */
	static Duration timeout(Duration timeout) {
		Objects.requireNonNull(timeout, "timeout");
		if (timeout.isNegative()) {
			throw new IllegalArgumentException("timeout must not be negative: " + timeout);
		}
		return timeout;
	}

	static int partyCount(int parties) {
		if (parties < 1) {
			throw new IllegalArgumentException("party count must be at least 1: " + parties);
		}
		return parties;
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
		return pass(this.session, this.api, "/v1/barriers/" + Api.segment(this.name) + "/arrivals", this.parties,
				timeout(timeout));
	}

	/**
	 * Arrives at, enters or leaves a barrier.
	 * @return whether it tripped within the timeout
	 */
	static boolean pass(ClientSession session, Api api, String path, int parties, Duration timeout) {
		try {
			api.call("POST", path)
				.param("parties", parties)
				.param("session", session.appSessionId())
				.param("owner", Names.currentOwner())
				.param("wait", timeout)
				.waiting(timeout)
				.idempotent(false)
				.expect("BARRIER_TIMEOUT")
				.execute();
			return true;
		}
		catch (ProblemException ex) {
			return false;
		}
	}

	@Override
	public int waiting() {
		return this.api.call("GET", "/v1/barriers/" + Api.segment(this.name))
			.param("parties", this.parties)
			.as(BarrierInfo.class)
			.participants()
			.size();
	}

	@Override
	public String toString() {
		return "barrier '" + this.name + "' (" + this.parties + " parties) via the sidecar";
	}

}
