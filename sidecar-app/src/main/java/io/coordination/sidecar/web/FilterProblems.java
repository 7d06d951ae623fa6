package io.coordination.sidecar.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Problem answers written by servlet filters, which run before Spring MVC's exception handling: the same
 * {@code application/problem+json} body as {@link ApiExceptionHandler} writes.
 */
public final class FilterProblems {

	private static final JsonMapper json = JsonMapper.builder().build();

	private FilterProblems() {
	}

	/**
	 * Writes a problem.
	 * @param response the response
	 * @param status the status
	 * @param code the stable code
	 * @param field the field at fault, or {@code null}
	 * @param detail what is wrong
	 * @throws IOException if the answer cannot be written
	 */
	public static void write(HttpServletResponse response, HttpStatus status, String code, String field,
			String detail) throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", ApiExceptionHandler.TYPE_BASE + code.toLowerCase(Locale.ROOT).replace('_', '-'));
		body.put("title", status.getReasonPhrase());
		body.put("status", status.value());
		body.put("detail", detail);
		body.put("code", code);
		if (field != null) {
			body.put("field", field);
		}
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(json.writeValueAsBytes(body));
	}

}
