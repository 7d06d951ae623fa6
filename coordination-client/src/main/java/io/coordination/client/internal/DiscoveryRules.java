package io.coordination.client.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Checks of service registrations and group memberships before they are sent, with the messages of an embedded
 * client: a bad value fails here, as it would there, rather than on the sidecar.
 */
final class DiscoveryRules {

	/** Most metadata entries of an instance or a member. */
	static final int MAX_METADATA_ENTRIES = 32;

	/** Longest metadata value. */
	static final int MAX_METADATA_VALUE = 4096;

	/** Most tags of an instance. */
	static final int MAX_TAGS = 32;

	/** Longest duration the cluster keeps: ten years. */
	private static final Duration MAX_DURATION = Duration.ofMillis(10L * 365 * 24 * 3600 * 1000);

	private DiscoveryRules() {
	}

	/**
	 * Checks one segment of a stored key (a service, an instance id, a group, a member id): a name without
	 * {@code /}, not {@code .} or {@code ..}, not starting with {@code _}.
	 * @param what what it names ({@code "service"}, {@code "member id"})
	 * @param segment the segment
	 * @return the segment
	 * @throws IllegalArgumentException naming the bad value
	 */
	static String segment(String what, String segment) {
		Names.check(what, segment);
		if (segment.contains("/") || segment.equals(".") || segment.equals("..") || segment.startsWith("_")) {
			throw new IllegalArgumentException(
					what + " must not contain '/', start with '_', or be '.' or '..': '" + segment + "'");
		}
		return segment;
	}

	/**
	 * Checks metadata: at most 32 entries, keys are names, values at most 4096 characters.
	 * @param metadata the metadata
	 * @return the metadata
	 */
	static Map<String, String> metadata(Map<String, String> metadata) {
		if (metadata == null) {
			throw new IllegalArgumentException("metadata must not be null");
		}
		if (metadata.size() > MAX_METADATA_ENTRIES) {
			throw new IllegalArgumentException(
					"metadata has " + metadata.size() + " entries, more than " + MAX_METADATA_ENTRIES);
		}
		metadata.forEach((key, value) -> {
			Names.check("metadata key", key);
			if (value == null || value.length() > MAX_METADATA_VALUE) {
				throw new IllegalArgumentException("metadata value of '" + key + "' must be non-null and at most "
						+ MAX_METADATA_VALUE + " characters");
			}
		});
		return metadata;
	}

	/**
	 * Checks tags: at most 32, each a name.
	 * @param tags the tags
	 * @return the tags
	 */
	static List<String> tags(List<String> tags) {
		if (tags.size() > MAX_TAGS) {
			throw new IllegalArgumentException("An instance has at most " + MAX_TAGS + " tags, not " + tags.size());
		}
		tags.forEach((tag) -> Names.check("tag", tag));
		return tags;
	}

	/**
	 * Checks an optional duration the cluster stores: at most ten years.
	 * @param what what it is
	 * @param duration the duration, or {@code null}
	 * @return the duration
	 */
	static Duration duration(String what, Duration duration) {
		if (duration != null && (duration.isNegative() || duration.compareTo(MAX_DURATION) > 0)) {
			throw new IllegalArgumentException(what + " must be between 0 and ten years: " + duration);
		}
		return duration;
	}

}
