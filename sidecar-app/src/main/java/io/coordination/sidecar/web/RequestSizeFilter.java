package io.coordination.sidecar.web;

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
 * problem: by its declared length before anything reads it, or, for a chunked body, as it is read (the JSON parser
 * reads it; nothing buffers it here). Runs after {@code TokenFilter}: an anonymous caller's body is never read. Key-value writes are left to their own, smaller, limit. It decides on the path the dispatcher matches
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
		// a chunked body: read as it is parsed, never buffered here, and cut off past the limit
		chain.doFilter(new LimitedBody(request, this.limit), response);
	}

	private void tooLarge(HttpServletResponse response, String size) throws IOException {
		FilterProblems.write(response, HttpStatus.CONTENT_TOO_LARGE, "REQUEST_TOO_LARGE", "body",
				"The request body is " + size + ", more than the " + this.limit
						+ " bytes allowed (coordination.sidecar.max-request-size)");
	}

	/**
	 * The body went past the limit while being read.
	 */
	static final class BodyTooLargeException extends IOException {

		private static final long serialVersionUID = 1L;

		BodyTooLargeException(long limit) {
			super("The request body is more than the " + limit
					+ " bytes allowed (coordination.sidecar.max-request-size)");
		}

	}

	/**
	 * A request whose body fails once more than the limit has been read from it.
	 */
	private static final class LimitedBody extends HttpServletRequestWrapper {

		private final long limit;

		private ServletInputStream stream;

		LimitedBody(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				ServletInputStream in = super.getInputStream();
				this.stream = new ServletInputStream() {

					private long read;

					@Override
					public int read() throws IOException {
						int b = in.read();
						if (b >= 0) {
							count(1);
						}
						return b;
					}

					@Override
					public int read(byte[] buffer, int offset, int length) throws IOException {
						int n = in.read(buffer, offset, (int) Math.min(length, LimitedBody.this.limit + 1 - this.read));
						if (n > 0) {
							count(n);
						}
						return n;
					}

					private void count(int n) throws IOException {
						this.read += n;
						if (this.read > LimitedBody.this.limit) {
							throw new BodyTooLargeException(LimitedBody.this.limit);
						}
					}

					@Override
					public boolean isFinished() {
						return in.isFinished();
					}

					@Override
					public boolean isReady() {
						return in.isReady();
					}

					@Override
					public void setReadListener(ReadListener listener) {
						in.setReadListener(listener);
					}

				};
			}
			return this.stream;
		}

	}

}
