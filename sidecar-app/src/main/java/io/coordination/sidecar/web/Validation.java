package io.coordination.sidecar.web;

import io.coordination.InputRules;

/**
 * Checks of request values, answered with the field at fault.
 */
public final class Validation {

	private Validation() {
	}

	/**
	 * A name: 1 to 256 characters, no control characters.
	 * @param field the field
	 * @param value the value
	 * @return the value
	 */
	public static String name(String field, String value) {
		try {
			return InputRules.name(field, value);
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.invalid(field, ex.getMessage());
		}
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
