package io.coordination.client.internal;

/**
 * Checks of names before they are sent, and owner ids.
 */
public final class Names {

	private static final int MAX_NAME = 256;

	private static final int MAX_THREAD_NAME = 200;

	private Names() {
	}

	/**
	 * Checks a name as the cluster does: 1 to 256 characters, no control characters.
	 * @param what what it names, for the message ("lock", "election group")
	 * @param name the name
	 * @return the name
	 * @throws IllegalArgumentException naming the bad value
	 */
	public static String check(String what, String name) {
		if (name == null || name.isEmpty()) {
			throw new IllegalArgumentException(what + " name must not be empty");
		}
		if (name.length() > MAX_NAME) {
			throw new IllegalArgumentException(what + " name is " + name.length() + " characters long, more than "
					+ MAX_NAME + ": '" + name.substring(0, 32) + "...'");
		}
		for (int i = 0; i < name.length(); i++) {
			if (Character.isISOControl(name.charAt(i))) {
				throw new IllegalArgumentException(what + " name must not contain control characters: '"
						+ name.replaceAll("\\p{Cntrl}", "?") + "' (character " + i + ")");
			}
		}
		return name;
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
