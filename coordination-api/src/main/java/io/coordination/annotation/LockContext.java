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
		return held().fencingToken();
	}

	/**
	 * Whether the innermost lock held through {@code @DistributedLock} is still held and safe to act on: not lost
	 * (session expired, lease time elapsed, released by an operator) and its session confirmed alive within its
	 * timeout. Ask before an action the lock must protect that the fencing token cannot (a call to a service that
	 * does not check tokens).
	 * @return {@code false} if it was lost, or if no lock is held by this thread
	 */
	public static boolean isValid() {
		return currentLease().map(LockLease::isValid).orElse(false);
	}

	/**
	 * Throws unless the innermost lock held through {@code @DistributedLock} is still valid.
	 * @throws IllegalStateException if none is held (the method was not called through its proxy)
	 * @throws io.coordination.lock.LockOwnershipLostException if it was lost or its session cannot reach the cluster
	 */
	public static void checkValid() {
		held().checkValid();
	}

	private static LockLease held() {
		return currentLease().orElseThrow(() -> new IllegalStateException(
				"No @DistributedLock lock is held by this thread: was the method called through its Spring proxy?"));
	}

	/**
	 * The innermost lease held through {@code @DistributedLock}: its name ({@code resource()}), fencing token, grant
	 * time and validity, and {@code addLostListener} to be told when it is lost.
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
