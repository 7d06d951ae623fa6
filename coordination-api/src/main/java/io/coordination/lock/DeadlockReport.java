package io.coordination.lock;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import io.coordination.Owner;

/**
 * A cycle found in the wait-for graph: each owner waits for a lock held by the next, and the last waits for one held
 * by the first.
 *
 * @param cycle the edges of the cycle, starting with the wait that closed it
 * @param detectedAt when it was detected (log time)
 * @param victim the waiter that was failed to break it, or {@code null} if it was only reported
 */
public record DeadlockReport(List<WaitEdge> cycle, Instant detectedAt, Owner victim) {

	/**
	 * How many reports the cluster keeps.
	 */
	public static final int RETAINED = 64;

	/**
	 * Copies the cycle.
	 * @param cycle the edges of the cycle
	 * @param detectedAt when it was detected
	 * @param victim the failed waiter or {@code null}
	 */
	public DeadlockReport {
		cycle = List.copyOf(cycle);
		Objects.requireNonNull(detectedAt, "detectedAt");
	}

	/**
	 * The cycle in words, for example
	 * {@code "a@n1/3 waits for lock 'B' held by b@n2/4; b@n2/4 waits for lock 'A' held by a@n1/3"}.
	 * @return the description
	 */
	public String describe() {
		return this.cycle.stream().map(WaitEdge::toString).collect(Collectors.joining("; "));
	}

	/**
	 * One edge of the wait-for graph.
	 *
	 * @param waiter the owner that waits
	 * @param kind the namespace of the lock waited for
	 * @param lock the lock waited for
	 * @param holder an owner holding that lock
	 */
	public record WaitEdge(Owner waiter, LockKind kind, String lock, Owner holder) {

		@Override
		public String toString() {
			String what = (this.kind == LockKind.READ_WRITE) ? "read-write lock" : "lock";
			return this.waiter + " waits for " + what + " '" + this.lock + "' held by " + this.holder;
		}

	}

}
