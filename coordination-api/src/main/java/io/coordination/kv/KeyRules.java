package io.coordination.kv;

import io.coordination.InputRules;

/**
 * What keys, prefixes and values of the key-value store look like, with the messages every implementation uses.
 */
public final class KeyRules {

	/** Keys under this prefix belong to configuration, discovery and groups. */
	public static final String RESERVED = "/_";

	private KeyRules() {
	}

	/**
	 * Checks a key: {@code /a/b}, no empty, {@code .} or {@code ..} segment, no trailing slash.
	 * @param key the key
	 * @return the key
	 */
	public static String key(String key) {
		common("key", key);
		if (key.length() < 2 || key.endsWith("/")) {
			throw new IllegalArgumentException("key must name something below '/' and not end with '/': '" + key + "'");
		}
		return key;
	}

	/**
	 * Checks a prefix: like a key, but it may end with a slash (and {@code /} means every key).
	 * @param prefix the prefix
	 * @return the prefix
	 */
	public static String prefix(String prefix) {
		common("prefix", prefix);
		return prefix;
	}

	/**
	 * Checks that a client may write a key (it is not reserved).
	 * @param key the key
	 * @return the key
	 */
	public static String writable(String key) {
		if (key.startsWith(RESERVED)) {
			throw new IllegalArgumentException("Keys under '" + RESERVED + "' are reserved for configuration, "
					+ "discovery and groups; use their APIs: '" + key + "'");
		}
		return key;
	}

	/**
	 * Checks the bounds of a range of keys {@code [from, to)}.
	 * @param from the first key
	 * @param to the first key after the range, or {@code null} for the end
	 * @throws IllegalArgumentException naming the bound if one is invalid or {@code from} comes after {@code to}
	 */
	public static void range(String from, String to) {
		prefix(from);
		if (to != null) {
			prefix(to);
			if (from.compareTo(to) > 0) {
				throw new IllegalArgumentException("a range must not end before it starts: from '" + from
						+ "' comes after to '" + to + "'");
			}
		}
	}

	/**
	 * Checks a value's size.
	 * @param key its key, for the message
	 * @param value the value
	 * @return the value
	 */
	public static byte[] value(String key, byte[] value) {
		if (value == null) {
			throw new IllegalArgumentException("value of '" + key + "' must not be null");
		}
		if (value.length > KeyValueStore.MAX_VALUE_BYTES) {
			throw new IllegalArgumentException("value of '" + key + "' is " + value.length + " bytes, more than "
					+ KeyValueStore.MAX_VALUE_BYTES);
		}
		return value;
	}

	/**
	 * Checks a path segment (an application, a service, an instance id, a group member).
	 * @param what what it names
	 * @param segment the segment
	 * @return the segment
	 */
	public static String segment(String what, String segment) {
		InputRules.name(what, segment);
		if (segment.contains("/") || segment.equals(".") || segment.equals("..") || segment.startsWith("_")) {
			throw new IllegalArgumentException(
					what + " must not contain '/', start with '_', or be '.' or '..': '" + segment + "'");
		}
		return segment;
	}

	private static void common(String what, String key) {
		if (key == null || !key.startsWith("/")) {
			throw new IllegalArgumentException(what + " must start with '/': " + ((key == null) ? "null" : "'" + key + "'"));
		}
		if (key.length() > KeyValueStore.MAX_KEY_LENGTH) {
			throw new IllegalArgumentException(what + " is " + key.length() + " characters long, more than "
					+ KeyValueStore.MAX_KEY_LENGTH + ": '" + key.substring(0, 40) + "...'");
		}
		for (int i = 0; i < key.length(); i++) {
			if (Character.isISOControl(key.charAt(i))) {
				throw new IllegalArgumentException(what + " must not contain control characters: '"
						+ key.replaceAll("\\p{Cntrl}", "?") + "' (character " + i + ")");
			}
		}
		io.coordination.InputRules.wellFormed(what, key);
		String[] segments = key.substring(1).split("/", -1);
		for (int i = 0; i < segments.length; i++) {
			String segment = segments[i];
			boolean last = i == segments.length - 1;
			if ((segment.isEmpty() && !last) || segment.equals(".") || segment.equals("..")) {
				throw new IllegalArgumentException(what + " must not have empty, '.' or '..' segments: '" + key + "'");
			}
		}
	}

}
