package io.coordination.sidecar.discovery;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.coordination.sidecar.web.ApiException;
import io.coordination.sidecar.web.Durations;
import io.coordination.sidecar.web.Validation;

/**
 * Checks of what service instances and group members publish (metadata, tags, check times), with the cluster's
 * limits, so that a bad value is a {@code 400} naming its field before anything changes.
 */
public final class Records {

	/** Most metadata entries. */
	public static final int MAX_METADATA_ENTRIES = 32;

	/** Longest metadata value. */
	public static final int MAX_METADATA_VALUE = 4096;

	/** Most tags of an instance. */
	public static final int MAX_TAGS = 32;

	/** Longest time the cluster keeps: ten years. */
	public static final Duration MAX_DURATION = Duration.ofMillis(10L * 365 * 24 * 3600 * 1000);

	private Records() {
	}

	/**
	 * Checks metadata: at most 32 entries, keys are names (1 to 256 characters, no control characters), values are
	 * non-null and at most 4096 characters.
	 * @param metadata the metadata, or {@code null} for none
	 * @return the metadata, empty if none
	 * @throws ApiException 400 naming {@code metadata}
	 */
	public static Map<String, String> metadata(Map<String, String> metadata) {
		if (metadata == null) {
			return Map.of();
		}
		if (metadata.size() > MAX_METADATA_ENTRIES) {
			throw ApiException.invalid("metadata",
					"metadata has " + metadata.size() + " entries, more than " + MAX_METADATA_ENTRIES);
		}
		metadata.forEach((key, value) -> {
			if (key == null || key.isEmpty() || key.length() > 256 || key.chars().anyMatch(Character::isISOControl)) {
				throw ApiException.invalid("metadata", "metadata keys must be 1 to 256 characters without control "
						+ "characters: '" + ((key != null) ? key.replaceAll("\\p{Cntrl}", "?") : null) + "'");
			}
			if (value == null || value.length() > MAX_METADATA_VALUE) {
				throw ApiException.invalid("metadata", "metadata value of '" + key + "' must be non-null and at most "
						+ MAX_METADATA_VALUE + " characters");
			}
		});
		return metadata;
	}

	/**
	 * Checks tags: at most 32, each 1 to 256 characters without control characters.
	 * @param tags the tags, or {@code null} for none
	 * @return the tags, empty if none
	 * @throws ApiException 400 naming {@code tags}
	 */
	public static List<String> tags(List<String> tags) {
		if (tags == null) {
			return List.of();
		}
		if (tags.size() > MAX_TAGS) {
			throw ApiException.invalid("tags", "An instance has at most " + MAX_TAGS + " tags, not " + tags.size());
		}
		for (String tag : tags) {
			if (tag == null || tag.isEmpty()) {
				throw ApiException.invalid("tags", "tags must not be null or empty");
			}
			Validation.name("tags", tag);
		}
		return tags;
	}

	/**
	 * Parses an optional check time: at least 1 ms, at most ten years.
	 * @param field the field
	 * @param text the time, {@code 10s} or {@code PT10S}, or {@code null}
	 * @return the time, or {@code null}
	 * @throws ApiException 400 naming the field
	 */
	public static Duration positive(String field, String text) {
		Duration duration = Durations.parse(field, text, MAX_DURATION);
		if (duration != null && duration.toMillis() < 1) {
			throw ApiException.invalid(field, "must be at least 1ms: '" + text + "'");
		}
		return duration;
	}

}
