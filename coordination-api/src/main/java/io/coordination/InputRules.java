package io.coordination;

import java.util.List;
import java.util.Map;

/**
 * Rules for names, counts, times and metadata, shared by every implementation (which fail fast with these
 * messages) and the state machine (which never trusts its input).
 */
public final class InputRules {

	/** Most metadata entries per candidate. */
	public static final int MAX_METADATA_ENTRIES = 32;

	/** Longest metadata value, in characters. */
	public static final int MAX_METADATA_VALUE = 4096;

	/** Most tags of a registered instance. */
	public static final int MAX_TAGS = 32;

	/** Longest lease, wait or time to live: ten years, in milliseconds. */
	public static final long MAX_MILLIS = 10L * 365 * 24 * 3600 * 1000;

	private InputRules() {
	}

	/**
	 * Checks a time in milliseconds: not negative, at most {@link #MAX_MILLIS}.
	 * @param what what it is
	 * @param millis the time
	 * @return the time
	 */
	public static long millis(String what, long millis) {
		if (millis < 0 || millis > MAX_MILLIS) {
			throw new IllegalArgumentException(
					what + " must be between 0 and " + MAX_MILLIS + " ms (ten years): " + millis + " ms");
		}
		return millis;
	}

	/**
	 * Checks a duration and turns it into milliseconds.
	 * @param what what it is
	 * @param duration the duration, or {@code null} for none (0)
	 * @return the milliseconds
	 */
	public static long millis(String what, java.time.Duration duration) {
		if (duration == null) {
			return 0;
		}
		if (duration.isNegative() || duration.compareTo(java.time.Duration.ofMillis(MAX_MILLIS)) > 0) {
			throw new IllegalArgumentException(what + " must be between 0 and ten years: " + duration);
		}
		return duration.toMillis();
	}

	/**
	 * Checks a resource, group, candidate or owner name.
	 * @param what what the name names, for the message
	 * @param name the name
	 * @return the name
	 * @throws IllegalArgumentException naming the bad value
	 */
	public static String name(String what, String name) {
		if (name == null || name.isEmpty()) {
			throw new IllegalArgumentException(what + " name must not be empty");
		}
		if (name.length() > Coordination.MAX_NAME_LENGTH) {
			throw new IllegalArgumentException(what + " name is " + name.length() + " characters long, more than "
					+ Coordination.MAX_NAME_LENGTH + ": '" + name.substring(0, 32) + "...'");
		}
		for (int i = 0; i < name.length(); i++) {
			if (Character.isISOControl(name.charAt(i))) {
				throw new IllegalArgumentException(what + " name must not contain control characters: '"
						+ name.replaceAll("\\p{Cntrl}", "?") + "' (character " + i + ")");
			}
		}
		wellFormed(what + " name", name);
		return name;
	}

	/**
	 * Checks that a text is well-formed Unicode: no surrogate without its pair (which no encoding can carry).
	 * @param what what the text is
	 * @param text the text
	 * @return the text
	 * @throws IllegalArgumentException naming the position of a lone surrogate
	 */
	public static String wellFormed(String what, String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				throw new IllegalArgumentException(
						what + " must be well-formed Unicode: a lone surrogate at character " + i);
			}
		}
		return text;
	}

	/**
	 * Checks a positive count.
	 * @param what what is counted
	 * @param count the count
	 * @return the count
	 */
	public static int positive(String what, int count) {
		if (count < 1) {
			throw new IllegalArgumentException(what + " must be at least 1: " + count);
		}
		return count;
	}

	/**
	 * Checks candidate metadata.
	 * @param metadata the metadata
	 * @return the metadata
	 */
	public static Map<String, String> metadata(Map<String, String> metadata) {
		if (metadata == null) {
			throw new IllegalArgumentException("metadata must not be null");
		}
		if (metadata.size() > MAX_METADATA_ENTRIES) {
			throw new IllegalArgumentException(
					"metadata has " + metadata.size() + " entries, more than " + MAX_METADATA_ENTRIES);
		}
		metadata.forEach((key, value) -> {
			name("metadata key", key);
			if (value == null || value.length() > MAX_METADATA_VALUE) {
				throw new IllegalArgumentException("metadata value of '" + key + "' must be non-null and at most "
						+ MAX_METADATA_VALUE + " characters");
			}
		});
		return metadata;
	}

	/**
	 * Checks the tags of a registered instance.
	 * @param tags the tags
	 * @return the tags
	 */
	public static List<String> tags(List<String> tags) {
		if (tags == null) {
			throw new IllegalArgumentException("tags must not be null");
		}
		if (tags.size() > MAX_TAGS) {
			throw new IllegalArgumentException("An instance has at most " + MAX_TAGS + " tags, not " + tags.size());
		}
		tags.forEach((tag) -> name("tag", tag));
		return tags;
	}

}
