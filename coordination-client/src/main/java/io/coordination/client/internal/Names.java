package io.coordination.client.internal;

/**
 * Owner ids of the calling thread.
 */
public final class Names {

	private static final int MAX_THREAD_NAME = 200;

	private Names() {
	}

	/**
	 * The calling thread as an owner id, as an embedded client names it.
	 * @return the owner id
	 */
	public static String currentOwner() {
		Thread thread = Thread.currentThread();
		String name = thread.getName().replaceAll("\\p{Cntrl}", "?");
		if (name.length() > MAX_THREAD_NAME) {
			name = name.substring(0, MAX_THREAD_NAME);
		}
		return name + "#" + thread.getId();
	}

}
