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
	 * A list or set from a request body without {@code null} elements (JSON {@code [null]}).
	 * @param <T> the element type
	 * @param <C> the collection type
	 * @param field the field
	 * @param values the values, may be {@code null}
	 * @return the values
	 */
	public static <T, C extends java.util.Collection<T>> C noNulls(String field, C values) {
		if (values != null) {
			int i = 0;
			for (T value : values) {
				if (value == null) {
					throw ApiException.invalid(field + "[" + i + "]", "'" + field + "[" + i + "]' must not be null");
				}
				i++;
			}
		}
		return values;
	}

	/**
	 * The {@code index} of a blocking query or an event poll: a revision or event index the client has seen.
	 * @param value the value, may be {@code null}
	 * @return the value
	 */
	public static Long index(Long value) {
		if (value != null && (value < 0 || value == Long.MAX_VALUE)) {
			throw ApiException.invalid("index", "'index' must be between 0 and " + (Long.MAX_VALUE - 1) + ": " + value);
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
