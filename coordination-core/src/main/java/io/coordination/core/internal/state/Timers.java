package io.coordination.core.internal.state;

import java.util.TreeSet;

/**
 * Deadlines on log time: lease expiries and wait limits. Firing order is canonical (time, then what the deadline is
 * about), never the order deadlines were scheduled in, so replicas restored from a snapshot fire them identically.
 */
final class Timers {

	private final TreeSet<Deadline> deadlines = new TreeSet<>();

	Deadline schedule(long at, Ref ref, int kind, long key1, String key2, Runnable action) {
		Deadline deadline = new Deadline(at, ref, kind, key1, key2, action);
		this.deadlines.add(deadline);
		return deadline;
	}

	void cancel(Deadline deadline) {
		if (deadline != null) {
			this.deadlines.remove(deadline);
		}
	}

	/**
	 * Fires, in order, every deadline at or before {@code now}, including deadlines scheduled by those it fires.
	 * @param now log time
	 */
	void fireDue(long now) {
		while (!this.deadlines.isEmpty() && this.deadlines.first().at() <= now) {
			this.deadlines.pollFirst().action().run();
		}
	}

	void clear() {
		this.deadlines.clear();
	}

	int size() {
		return this.deadlines.size();
	}

	/**
	 * A deadline. Identity for ordering and removal is everything but the action.
	 *
	 * @param at log time it fires at
	 * @param ref what it is about
	 * @param kind lease expiry or wait limit
	 * @param key1 first key within the ref (a token, or a session)
	 * @param key2 second key (an owner, or a request id as text)
	 * @param action what to do
	 */
	record Deadline(long at, Ref ref, int kind, long key1, String key2, Runnable action)
			implements Comparable<Deadline> {

		static final int LEASE = 0;

		static final int WAIT = 1;

		@Override
		public int compareTo(Deadline other) {
			int c = Long.compare(this.at, other.at);
			if (c == 0) {
				c = this.ref.compareTo(other.ref);
			}
			if (c == 0) {
				c = Integer.compare(this.kind, other.kind);
			}
			if (c == 0) {
				c = Long.compare(this.key1, other.key1);
			}
			if (c == 0) {
				c = this.key2.compareTo(other.key2);
			}
			return c;
		}

		@Override
		public boolean equals(Object obj) {
			return (obj instanceof Deadline other) && compareTo(other) == 0;
		}

		@Override
		public int hashCode() {
			return Long.hashCode(this.at) * 31 + this.ref.hashCode() + Long.hashCode(this.key1);
		}

	}

}
