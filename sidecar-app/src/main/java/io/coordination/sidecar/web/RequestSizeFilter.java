package io.coordination.sidecar.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.coordination.sidecar.SidecarProperties;

/**
 * Refuses a body of the JSON API larger than {@code coordination.sidecar.max-request-size} with a {@code 413}
 * problem before anything reads it: by its declared length, or, for a chunked body, by reading no more than the
 * limit. Key-value writes are left to their own, smaller, limit. It decides on the path the dispatcher matches
 * ({@link RequestPaths}), and refuses one it could read otherwise.
 */
@Component
public class RequestSizeFilter extends OncePerRequestFilter implements Ordered {

	private final long limit;

	RequestSizeFilter(SidecarProperties properties) {
		this.limit = properties.getMaxRequestSize().toBytes();
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 90;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		// the path the dispatcher matches: a path it could read otherwise is refused, not let through
		String path = RequestPaths.of(request);
		return path != null
				&& (!path.startsWith("/v1/") || path.startsWith("/v1/kv/") || request.getMethod().equals("GET"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (RequestPaths.of(request) == null) {
			RequestPaths.refuse(request, response);
			return;
		}
		long declared = request.getContentLengthLong();
		if (declared > this.limit) {
			tooLarge(response, declared + " bytes");
			return;
		}
		if (declared >= 0) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, this.limit + 1));
		if (body.length > this.limit) {
			tooLarge(response, "more than " + this.limit + " bytes");
			return;
		}
		chain.doFilter(new ReadBody(request, body), response);
	}

	private void tooLarge(HttpServletResponse response, String size) throws IOException {
		FilterProblems.write(response, HttpStatus.CONTENT_TOO_LARGE, "REQUEST_TOO_LARGE", "body",
				"The request body is " + size + ", more than the " + this.limit
						+ " bytes allowed (coordination.sidecar.max-request-size)");
	}

	/**
	 * A request whose body was read already.
	 */
	private static final class ReadBody extends HttpServletRequestWrapper {

		private final byte[] body;

		ReadBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() throws IOException {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("the body was read already");
				}

			};
		}

	}

}
