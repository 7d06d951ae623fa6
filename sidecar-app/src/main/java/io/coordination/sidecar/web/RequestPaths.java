package io.coordination.sidecar.web;

import java.io.IOException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.RequestPath;

/**
 * The path of a request as Spring MVC's dispatcher matches it, for filters that decide by path. A path the server
 * and the dispatcher could read differently is refused ({@code 400 INVALID_PATH}): path parameters ({@code ;},
 * which the server strips before mapping), dot segments ({@code /./}, {@code /../}, also percent-encoded), empty
 * segments ({@code //}), and percent-encoded letters, digits, {@code -}, {@code .} and {@code _} (a filter would
 * read them encoded, the dispatcher decoded). Encoded slashes ({@code %2F}) inside names are accepted: they stay
 * within one segment.
 */
public final class RequestPaths {

	/** A percent-encoded letter, digit, '-', '.' or '_' (these never need encoding). */
	private static final Pattern ENCODED_UNRESERVED = Pattern.compile(
			"%(?:[46][1-9a-fA-F]|[57][0-9aA]|3[0-9]|2[dDeE]|5[fF])");

	private static final String ATTRIBUTE = RequestPaths.class.getName() + ".path";

	private static final Object REFUSED = new Object();

	private RequestPaths() {
	}

	/**
	 * The path of a request within the application, still percent-encoded, as the dispatcher matches it.
	 * @param request the request
	 * @return the path, or {@code null} if it is refused (see {@link #problem(String)})
	 */
	public static String of(HttpServletRequest request) {
		// read once per request, however many filters ask
		Object known = request.getAttribute(ATTRIBUTE);
		if (known != null) {
			return (known == REFUSED) ? null : (String) known;
		}
		String path = read(request);
		request.setAttribute(ATTRIBUTE, (path != null) ? path : REFUSED);
		return path;
	}

	private static String read(HttpServletRequest request) {
		String uri = request.getRequestURI();
		if (problem(uri) != null) {
			return null;
		}
		try {
			return RequestPath.parse(uri, request.getContextPath()).pathWithinApplication().value();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * What is wrong with a request URI.
	 * @param uri the raw request URI (without the query)
	 * @return why it is refused, or {@code null} if it is not
	 */
	public static String problem(String uri) {
		if (uri == null || uri.isEmpty() || uri.charAt(0) != '/') {
			return "the request path must start with '/'";
		}
		if (uri.indexOf(';') >= 0) {
			return "path parameters (';') are not accepted";
		}
		if (uri.contains("//")) {
			return "empty path segments ('//') are not accepted";
		}
		Matcher encoded = ENCODED_UNRESERVED.matcher(uri);
		if (encoded.find()) {
			// never needed (RFC 3986), and "/%76%31/" would be "/v1/" to the dispatcher only
			return "percent-encoded letters, digits, '-', '.' or '_' are not accepted: '" + encoded.group() + "'";
		}
		String decoded = uri.toLowerCase(Locale.ROOT).replace("%2e", ".").replace("%2f", "/");
		for (String segment : decoded.split("/", -1)) {
			if (segment.equals(".") || segment.equals("..")) {
				return "dot segments ('.', '..') are not accepted";
			}
		}
		return null;
	}

	/**
	 * Answers a refused path with a {@code 400 INVALID_PATH} problem.
	 * @param request the request
	 * @param response the response
	 * @throws IOException if the answer cannot be written
	 */
	public static void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String problem = problem(request.getRequestURI());
		FilterProblems.write(response, HttpStatus.BAD_REQUEST, "INVALID_PATH", "path",
				"Invalid request path: " + ((problem != null) ? problem : "it cannot be read"));
	}

}
