package io.coordination.sidecar.kv;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.coordination.kv.KeyValueStore;

/**
 * Reads the body of a key write ({@code PUT} and {@code POST} under {@code /v1/kv/}) as raw bytes, whatever its
 * content type, before anything parses it as a form (a {@code curl -d} body is a value, not form parameters), and
 * reads no more than a value may hold.
 */
@Component
public class KvBodyFilter extends OncePerRequestFilter implements Ordered {

	/** Request attribute holding the {@link Body}. */
	static final String ATTRIBUTE = KvBodyFilter.class.getName() + ".body";

	/**
	 * A request body.
	 *
	 * @param bytes the bytes (empty if too large)
	 * @param length its declared or read length, -1 if unknown
	 * @param tooLarge whether it is larger than a value may be
	 */
	record Body(byte[] bytes, long length, boolean tooLarge) {

		static Body read(HttpServletRequest request) throws IOException {
			long declared = request.getContentLengthLong();
			if (declared > KeyValueStore.MAX_VALUE_BYTES) {
				return new Body(new byte[0], declared, true);
			}
			InputStream in = request.getInputStream();
			byte[] bytes = in.readNBytes(KeyValueStore.MAX_VALUE_BYTES + 1);
			if (bytes.length > KeyValueStore.MAX_VALUE_BYTES) {
				return new Body(new byte[0], -1, true);
			}
			return new Body(bytes, bytes.length, false);
		}

	}

	@Override
	public int getOrder() {
		// after the character encoding filter, well before the form content filter
		return Ordered.HIGHEST_PRECEDENCE + 100;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String method = request.getMethod();
		if (!method.equals("PUT") && !method.equals("POST")) {
			return true;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return !path.startsWith("/v1/kv/") && !path.equals("/v1/kv");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		request.setAttribute(ATTRIBUTE, Body.read(request));
		chain.doFilter(request, response);
	}

}
