package io.coordination.annotation;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

import io.coordination.lock.LockLease;

/**
 * The locks {@link DistributedLock @DistributedLock} holds for the current thread, innermost first.
 */
public final class LockContext {

	private static final ThreadLocal<Deque<LockLease>> LEASES = ThreadLocal.withInitial(ArrayDeque::new);

	private LockContext() {
	}

	/**
	 * The fencing token of the innermost lock held through {@code @DistributedLock}.
	 * @return the token
	 * @throws IllegalStateException if none is held (the method was not called through its proxy)
	 */
	public static long currentToken() {
		return currentLease().orElseThrow(() -> new IllegalStateException(
				"No @DistributedLock lock is held by this thread: was the method called through its Spring proxy?"))
			.fencingToken();
	}

	/**
	 * The innermost lease held through {@code @DistributedLock}.
	 * @return the lease, or empty
	 */
	public static Optional<LockLease> currentLease() {
		return Optional.ofNullable(LEASES.get().peekFirst());
	}

	/**
	 * Makes a lease current for the calling thread until the returned scope is closed. For interceptors.
	 * @param lease the lease
	 * @return the scope
	 */
	public static Scope open(LockLease lease) {
		Deque<LockLease> leases = LEASES.get();
		leases.addFirst(lease);
		return () -> {
			leases.remove(lease);
			if (leases.isEmpty()) {
				LEASES.remove();
			}
		};
	}

	/**
	 * A lease made current; close it on the same thread.
	 */
	@FunctionalInterface
	public interface Scope extends AutoCloseable {

		@Override
		void close();

	}

}
