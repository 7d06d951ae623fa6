package io.coordination.core.internal.client;

import java.util.function.Supplier;

import io.coordination.InputRules;

/**
 * Owner ids of embedded clients: the acquiring thread, by name and id, so that operators see who holds what; or, for
 * a server acting for a remote client, the owner that client names.
 */
public final class Owners {

	private static final int MAX_THREAD_NAME = 200;

	private static final ThreadLocal<String> REMOTE = new ThreadLocal<>();

	private Owners() {
	}

	/**
	 * The current owner id: the remote owner this thread acts for, or the current thread, for example
	 * {@code "worker-1#42"}.
	 * @return the owner id
	 */
	static String current() {
		String remote = REMOTE.get();
		if (remote != null) {
			return remote;
		}
		Thread thread = Thread.currentThread();
		String name = thread.getName().replaceAll("\\p{Cntrl}", "?");
		if (name.length() > MAX_THREAD_NAME) {
			name = name.substring(0, MAX_THREAD_NAME);
		}
		return name + "#" + thread.getId();
	}

	/**
	 * Runs an action with a remote owner id in place of the current thread's.
	 * @param <T> the result type
	 * @param owner the owner id
	 * @param action the action
	 * @return its result
	 * @throws IllegalArgumentException if the owner id is empty, too long or holds control characters
	 */
	public static <T> T callAs(String owner, Supplier<T> action) {
		InputRules.name("owner", owner);
		String previous = REMOTE.get();
		REMOTE.set(owner);
		try {
			return action.get();
		}
		finally {
			if (previous != null) {
				REMOTE.set(previous);
			}
			else {
				REMOTE.remove();
			}
		}
	}

}
