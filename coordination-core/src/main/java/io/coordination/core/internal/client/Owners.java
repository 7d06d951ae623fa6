package io.coordination.core.internal.client;

/**
 * Owner ids of embedded clients: the acquiring thread, by name and id, so that operators see who holds what.
 */
final class Owners {

	private static final int MAX_THREAD_NAME = 200;

	private Owners() {
	}

	/**
	 * The current thread as an owner id, for example {@code "worker-1#42"}.
	 * @return the owner id
	 */
	static String current() {
		Thread thread = Thread.currentThread();
		String name = thread.getName().replaceAll("\\p{Cntrl}", "?");
		if (name.length() > MAX_THREAD_NAME) {
			name = name.substring(0, MAX_THREAD_NAME);
		}
		return name + "#" + thread.getId();
	}

}
