package io.coordination.sidecar.web;

/**
 * Checks of request values, answered with the field at fault.
 */
public final class Validation {

	private static final int MAX_NAME = 256;

	private Validation() {
	}

	/**
	 * A name: 1 to 256 characters, no control characters.
	 * @param field the field
	 * @param value the value
	 * @return the value
	 */
	public static String name(String field, String value) {
		if (value == null || value.isEmpty()) {
			throw ApiException.invalid(field, "'" + field + "' is required");
		}
		if (value.length() > MAX_NAME) {
			throw ApiException.invalid(field, "'" + field + "' is longer than " + MAX_NAME + " characters");
		}
		if (value.chars().anyMatch(Character::isISOControl)) {
			throw ApiException.invalid(field, "'" + field + "' must not contain control characters");
		}
		return value;
	}

	/**
	 * A positive count.
	 * @param field the field
	 * @param value the value
	 * @return the value
	 */
	public static int positive(String field, int value) {
		if (value <= 0) {
			throw ApiException.invalid(field, "'" + field + "' must be positive: " + value);
		}
		return value;
	}

}
