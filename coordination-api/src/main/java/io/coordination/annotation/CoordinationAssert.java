package io.coordination.annotation;

/**
 * Checks, inside methods that rely on {@link DistributedLock @DistributedLock} or {@link LeaderOnly @LeaderOnly}, that
 * the annotation was applied: calling an annotated method from inside its own class bypasses the Spring proxy and runs
 * it without protection.
 */
public final class CoordinationAssert {

	private CoordinationAssert() {
	}

	/**
	 * Asserts that the current thread holds a lock through {@code @DistributedLock} and that it is still valid.
	 * @throws IllegalStateException if it does not
	 */
	public static void assertLocked() {
		var lease = LockContext.currentLease().orElseThrow(() -> new IllegalStateException(
				"No @DistributedLock lock is held by this thread: was the method called through its Spring proxy?"));
		lease.checkValid();
	}

	/**
	 * Asserts that the current thread holds a named lock through {@code @DistributedLock}.
	 * @param name the lock name
	 * @throws IllegalStateException if it does not
	 */
	public static void assertLocked(String name) {
		assertLocked();
		String held = LockContext.currentLease().orElseThrow().resource();
		if (!held.equals(name)) {
			throw new IllegalStateException("The current @DistributedLock lock is '" + held + "', not '" + name + "'");
		}
	}

	/**
	 * Asserts that the current thread runs a {@code @LeaderOnly} method.
	 * @throws IllegalStateException if it does not
	 */
	public static void assertLeader() {
		LeaderContext.currentTerm();
	}

}
