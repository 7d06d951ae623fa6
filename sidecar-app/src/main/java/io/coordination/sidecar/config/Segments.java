package io.coordination.sidecar.config;

import io.coordination.Coordination;
import io.coordination.sidecar.web.ApiException;

/**
 * Checks of names that are one segment of a stored key (an application, a profile, a service, an instance id, a
 * group, a member id), with the cluster's own messages and the field at fault.
 */
public final class Segments {

	private Segments() {
	}

	/**
	 * Checks a segment: 1 to 256 characters, no control characters, no {@code /}, not {@code .} or {@code ..}, not
	 * starting with {@code _}.
	 * @param field the request field or parameter
	 * @param what what it names, for the message ({@code "service"}, {@code "member id"})
	 * @param value the value
	 * @return the value
	 * @throws ApiException 400 naming the field
	 */
	public static String check(String field, String what, String value) {
		if (value == null || value.isEmpty()) {
			throw ApiException.invalid(field, what + " name must not be empty");
		}
		if (value.length() > Coordination.MAX_NAME_LENGTH) {
			throw ApiException.invalid(field, what + " name is " + value.length() + " characters long, more than "
					+ Coordination.MAX_NAME_LENGTH + ": '" + value.substring(0, 32) + "...'");
		}
		for (int i = 0; i < value.length(); i++) {
			if (Character.isISOControl(value.charAt(i))) {
				throw ApiException.invalid(field, what + " name must not contain control characters: '"
						+ value.replaceAll("\\p{Cntrl}", "?") + "' (character " + i + ")");
			}
		}
		if (value.contains("/") || value.equals(".") || value.equals("..") || value.startsWith("_")) {
			throw ApiException.invalid(field,
					what + " must not contain '/', start with '_', or be '.' or '..': '" + value + "'");
		}
		return value;
	}

}
