package io.coordination.sidecar.web;

import java.time.Duration;

import org.springframework.boot.convert.DurationStyle;

import io.coordination.InputRules;

/**
 * Durations in requests: {@code 500ms}, {@code 10s}, {@code 5m} or ISO-8601 ({@code PT10S}).
 */
public final class Durations {

	/** Longest lease or time to live the cluster keeps: ten years. */
	public static final Duration LONGEST = Duration.ofMillis(InputRules.MAX_MILLIS);

	private Durations() {
	}

	/**
	 * Parses an optional duration.
	 * @param field the parameter or field, for errors
	 * @param text the text, or {@code null}
	 * @param max the largest value allowed
	 * @return the duration, or {@code null} if absent
	 * @throws ApiException if malformed, negative or above the maximum
	 */
	public static Duration parse(String field, String text, Duration max) {
		if (text == null || text.isBlank()) {
			return null;
		}
		Duration duration;
		try {
			duration = DurationStyle.detectAndParse(text.trim());
		}
		catch (IllegalArgumentException | ArithmeticException ex) {
			throw ApiException.invalid(field, "'" + text + "' is not a duration (500ms, 10s, 5m or PT10S)");
		}
		if (duration.isNegative()) {
			throw ApiException.invalid(field, "must not be negative: '" + text + "'");
		}
		if (max != null && duration.compareTo(max) > 0) {
			throw ApiException.invalid(field, "'" + text + "' is above the maximum of " + max);
		}
		return duration;
	}

	/**
	 * The {@code wait} of an acquisition: absent or {@code 0} tries once, a duration waits up to it, {@code forever}
	 * waits as long as the session lives.
	 * @param wait the parameter
	 * @param max the longest wait allowed
	 * @return the wait, {@code null} for forever
	 * @throws ApiException naming {@code wait} if it is not one of those
	 */
	public static Duration waitTime(String wait, Duration max) {
		if (wait == null || wait.isBlank()) {
			return Duration.ZERO;
		}
		if (wait.equalsIgnoreCase("forever")) {
			return null;
		}
		return parse("wait", wait, max);
	}

	/**
	 * The {@code wait} of a blocking query: a duration up to {@code max}; absent, 5 minutes (or {@code max} if
	 * shorter).
	 * @param wait the parameter
	 * @param max the longest wait allowed
	 * @return the wait
	 * @throws ApiException naming {@code wait} if it is not a duration or longer than {@code max}
	 */
	public static Duration blockingWait(String wait, Duration max) {
		Duration parsed = parse("wait", wait, max);
		if (parsed != null) {
			return parsed;
		}
		Duration standard = Duration.ofMinutes(5);
		return (standard.compareTo(max) < 0) ? standard : max;
	}

}
