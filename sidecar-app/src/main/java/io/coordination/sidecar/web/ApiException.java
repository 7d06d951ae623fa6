package io.coordination.sidecar.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A request the API refuses or cannot serve, answered as {@code application/problem+json} with a stable code, the
 * offending field when there is one, and any further properties.
 */
public class ApiException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final HttpStatus status;

	private final String code;

	private final String field;

	private final Map<String, Object> properties = new LinkedHashMap<>();

	/**
	 * Creates the exception.
	 * @param status the HTTP status
	 * @param code stable machine-readable code, for example {@code LOCK_NOT_ACQUIRED}
	 * @param field the request field or parameter at fault, or {@code null}
	 * @param detail what is wrong, for people
	 */
	public ApiException(HttpStatus status, String code, String field, String detail) {
		super(detail);
		this.status = status;
		this.code = code;
		this.field = field;
	}

	/**
	 * A bad value in a request.
	 * @param field the field or parameter
	 * @param detail what is wrong
	 * @return the exception
	 */
	public static ApiException invalid(String field, String detail) {
		return new ApiException(HttpStatus.BAD_REQUEST, "INVALID_ARGUMENT", field, detail);
	}

	/**
	 * Something that does not exist.
	 * @param code the code
	 * @param detail what is missing
	 * @return the exception
	 */
	public static ApiException notFound(String code, String detail) {
		return new ApiException(HttpStatus.NOT_FOUND, code, null, detail);
	}

	/**
	 * Adds a property to the problem body.
	 * @param name the name
	 * @param value the value
	 * @return this exception
	 */
	public ApiException with(String name, Object value) {
		this.properties.put(name, value);
		return this;
	}

	public HttpStatus status() {
		return this.status;
	}

	public String code() {
		return this.code;
	}

	public String field() {
		return this.field;
	}

	public Map<String, Object> properties() {
		return this.properties;
	}

}
