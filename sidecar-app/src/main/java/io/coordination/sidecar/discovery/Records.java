package io.coordination.sidecar.discovery;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.coordination.InputRules;
import io.coordination.sidecar.web.ApiException;
import io.coordination.sidecar.web.Durations;

/**
 * Checks of what service instances and group members publish (metadata, tags, check times), with the cluster's
 * limits, so that a bad value is a {@code 400} naming its field before anything changes.
 */
public final class Records {

	/** Longest time the cluster keeps: ten years. */
	public static final Duration MAX_DURATION = Duration.ofMillis(InputRules.MAX_MILLIS);

	private Records() {
	}

	/**
	 * Checks metadata with the cluster's rules ({@link InputRules#metadata}).
	 * @param metadata the metadata, or {@code null} for none
	 * @return the metadata, empty if none
	 * @throws ApiException 400 naming {@code metadata}
	 */
	public static Map<String, String> metadata(Map<String, String> metadata) {
		if (metadata == null) {
			return Map.of();
		}
		return checked("metadata", () -> InputRules.metadata(metadata));
	}

	/**
	 * Checks tags with the cluster's rules ({@link InputRules#tags}).
	 * @param tags the tags, or {@code null} for none
	 * @return the tags, empty if none
	 * @throws ApiException 400 naming {@code tags}
	 */
	public static List<String> tags(List<String> tags) {
		if (tags == null) {
			return List.of();
		}
		return checked("tags", () -> InputRules.tags(tags));
	}

	private static <T> T checked(String field, java.util.function.Supplier<T> check) {
		try {
			return check.get();
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw ApiException.invalid(field, String.valueOf(ex.getMessage()));
		}
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
