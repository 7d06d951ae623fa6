package io.coordination.annotation;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

import io.coordination.election.Leadership;

/**
 * The leadership a {@link LeaderOnly @LeaderOnly} method runs under, for the current thread.
 */
public final class LeaderContext {

	private static final ThreadLocal<Deque<Leadership>> LEADERSHIPS = ThreadLocal.withInitial(ArrayDeque::new);

	private LeaderContext() {
	}

	/**
	 * The term (fencing token) of the leadership the current {@code @LeaderOnly} method runs under.
	 * @return the term
	 * @throws IllegalStateException if the thread is not inside a {@code @LeaderOnly} method
	 */
	public static long currentTerm() {
		return currentLeadership().orElseThrow(() -> new IllegalStateException(
				"Not inside a @LeaderOnly method: was it called through its Spring proxy?"))
			.term();
	}

	/**
	 * The leadership the current {@code @LeaderOnly} method runs under.
	 * @return the leadership, or empty
	 */
	public static Optional<Leadership> currentLeadership() {
		return Optional.ofNullable(LEADERSHIPS.get().peekFirst());
	}

	/**
	 * Makes a leadership current for the calling thread until the returned scope is closed. For interceptors.
	 * @param leadership the leadership
	 * @return the scope
	 */
	public static LockContext.Scope open(Leadership leadership) {
		Deque<Leadership> leaderships = LEADERSHIPS.get();
		leaderships.addFirst(leadership);
		return () -> {
			leaderships.remove(leadership);
			if (leaderships.isEmpty()) {
				LEADERSHIPS.remove();
			}
		};
	}

}
