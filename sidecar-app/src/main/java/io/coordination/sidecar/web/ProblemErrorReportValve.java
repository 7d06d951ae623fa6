package io.coordination.sidecar.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's own error answers (a request it refuses before the application sees it: {@code %00} or an invalid UTF-8
 * sequence in the path, a backslash, a request line or headers too long) as {@code application/problem+json}, like
 * every other error of the API, instead of Tomcat's HTML page; never with a stack trace or an internal class name.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		String reason = switch (status) {
			case 400 -> "The request is malformed";
			case 404 -> "No resource at this path";
			case 408 -> "The request took too long to arrive";
			case 413 -> "The request is too large";
			case 414 -> "The request line is too long";
			case 431 -> "The request headers are too large";
			case 505 -> "The HTTP version is not supported";
			default -> (status >= 500) ? "The server failed to answer" : "The request was refused";
		};
		String code = (status == 400) ? "BAD_REQUEST" : (status >= 500) ? "INTERNAL" : "HTTP_" + status;
		try {
			response.setContentType("application/problem+json");
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write("{\"type\":\"https://coordination.io/problems/" + code.toLowerCase().replace('_', '-')
						+ "\",\"title\":\"" + reason + "\",\"status\":" + status + ",\"detail\":\"" + reason
						+ "\",\"code\":\"" + code + "\"}");
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone
		}
	}

}
