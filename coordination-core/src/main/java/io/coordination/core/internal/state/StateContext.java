package io.coordination.core.internal.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.coordination.Owner;
import io.coordination.core.internal.protocol.Event;
import io.coordination.core.internal.protocol.StoreLimits;
import io.coordination.fencing.FencingTokens;

/**
 * What every table of the state machine shares: the position in the log, the token mint, the sessions and what they
 * are involved in, pending requests, timers and the outbox of events.
 */
final class StateContext {

	long index;

	long now;

	long mintIndex;

	int mintOrdinal;

	/** Open sessions and the member each belongs to. */
	final TreeMap<Long, String> sessions = new TreeMap<>();

	/** What each session holds, waits for or takes part in. */
	final Map<Long, TreeSet<Ref>> involvement = new HashMap<>();

	/** Requests that wait, by session and request id, and what they wait at. */
	final Map<PendingKey, Ref> pending = new HashMap<>();

	final Timers timers = new Timers();

	/** Resources and groups whose waiters could not be served because the entry ran out of tokens. */
	final TreeSet<Ref> starved = new TreeSet<>();

	final List<Outbound> outbox = new ArrayList<>();

	/** Budgets of stored data of the entry being applied (its submitter's). */
	StoreLimits limits = StoreLimits.DEFAULT;

	/**
	 * Whether a token can still be minted at the current index.
	 * @return whether {@link #mint()} may be called
	 */
	boolean canMint() {
		return this.mintIndex != this.index || this.mintOrdinal < FencingTokens.GRANTS_PER_ENTRY;
	}

	/**
	 * A fresh fencing token: the current Raft index and the next grant ordinal of this entry.
	 * @return the token
	 */
	long mint() {
		if (this.mintIndex != this.index) {
			this.mintIndex = this.index;
			this.mintOrdinal = 0;
		}
		return FencingTokens.of(this.index, this.mintOrdinal++);
	}

	void send(long session, Event event) {
		if (this.sessions.containsKey(session)) {
			this.outbox.add(new Outbound(session, event));
		}
	}

	Owner owner(OwnerKey key) {
		return new Owner(this.sessions.getOrDefault(key.session(), "unknown"), key.session(), key.id());
	}

	void involve(long session, Ref ref) {
		this.involvement.computeIfAbsent(session, (s) -> new TreeSet<>()).add(ref);
	}

	void uninvolve(long session, Ref ref) {
		Set<Ref> refs = this.involvement.get(session);
		if (refs != null) {
			refs.remove(ref);
			if (refs.isEmpty()) {
				this.involvement.remove(session);
			}
		}
	}

	/**
	 * A waiting request.
	 *
	 * @param session its session
	 * @param requestId its id within the session
	 */
	record PendingKey(long session, long requestId) {
	}

}
