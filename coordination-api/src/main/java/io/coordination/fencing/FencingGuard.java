package io.coordination.fencing;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The protected side of fencing, for a resource that lives in one process: remembers the highest token accepted per
 * resource and refuses older ones. Thread-safe. Resources stored elsewhere (a database, a file) keep the highest
 * token next to the data and compare it in the same atomic write.
 */
public final class FencingGuard {

	private final ConcurrentMap<String, Long> highest = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, Object> monitors = new ConcurrentHashMap<>();

	/**
	 * Accepts {@code token} for {@code resource} if it is not lower than any token accepted before.
	 * @param resource the protected resource
	 * @param token the writer's fencing token
	 * @throws StaleFencingTokenException if a higher token was accepted before
	 */
	public void check(String resource, long token) {
		Objects.requireNonNull(resource, "resource");
		long[] refusedBecause = { -1 };
		this.highest.merge(resource, token, (seen, offered) -> {
			if (offered < seen) {
				refusedBecause[0] = seen;
				return seen;
			}
			return offered;
		});
		if (refusedBecause[0] >= 0) {
			throw new StaleFencingTokenException(resource, token, refusedBecause[0]);
		}
	}

	/**
	 * Runs {@code action} under the guard of {@code token}: the token is checked first and no other action for the
	 * same resource runs at the same time in this process.
	 * @param <T> result type
	 * @param resource the protected resource
	 * @param token the writer's fencing token
	 * @param action the write
	 * @return what the action returned
	 * @throws StaleFencingTokenException if a higher token was accepted before
	 */
	public <T> T guard(String resource, long token, Supplier<T> action) {
		synchronized (monitor(resource)) {
			check(resource, token);
			return action.get();
		}
	}

	/**
	 * Like {@link #guard(String, long, Supplier)} for a token supplied lazily, for example from a lease.
	 * @param resource the protected resource
	 * @param token supplies the writer's token
	 * @param action the write
	 */
	public void guard(String resource, LongSupplier token, Runnable action) {
		guard(resource, token.getAsLong(), () -> {
			action.run();
			return null;
		});
	}

	/**
	 * Highest token accepted for a resource.
	 * @param resource the protected resource
	 * @return the token, or 0 if none was accepted
	 */
	public long highestAccepted(String resource) {
		return this.highest.getOrDefault(resource, 0L);
	}

	private Object monitor(String resource) {
		return this.monitors.computeIfAbsent(resource, (name) -> new Object());
	}

}
