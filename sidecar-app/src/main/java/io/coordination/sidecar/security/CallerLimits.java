package io.coordination.sidecar.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.coordination.sidecar.SidecarProperties;
import io.coordination.sidecar.web.ApiException;

/**
 * Bounds what callers hold of the sidecar at once, per token and in all: requests that wait (a {@code wait} or
 * {@code index} parameter: acquisitions, barriers, blocking queries), which each hold a server thread, and event
 * streams, which each hold a connection and a queue. A request beyond a limit is refused with 429 and a problem naming
 * the limit, before its handler runs; the slot is given back when the request completes (for a stream: when it ends).
 * With security off (loopback) only the limit for all callers applies.
 */
@Component
public class CallerLimits implements HandlerInterceptor, WebMvcConfigurer {

	private static final String HELD = CallerLimits.class.getName() + ".held";

	private final SidecarProperties.Limits limits;

	private final Map<String, AtomicInteger> waitsByToken = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> streamsByToken = new ConcurrentHashMap<>();

	private final AtomicInteger waits = new AtomicInteger();

	private final AtomicInteger streams = new AtomicInteger();

	CallerLimits(SidecarProperties properties) {
		this.limits = properties.getLimits();
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns("/v1/**");
	}

	private enum Kind {

		WAIT, STREAM

	}

	private record Held(Kind kind, String token) {
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (request.getAttribute(HELD) != null || !(handler instanceof HandlerMethod method)) {
			return true; // an async re-dispatch of a request that holds its slot already
		}
		Permissions permissions = Permissions.of(request);
		String token = permissions.restricted() ? permissions.token() : null;
		if (streams(method, request)) {
			if (this.streams.incrementAndGet() > this.limits.getMaxStreams()) {
				this.streams.decrementAndGet();
				throw tooMany("event streams", this.limits.getMaxStreams(), "coordination.sidecar.limits.max-streams");
			}
			if (token != null) {
				try {
					take(this.streamsByToken, token, this.limits.getStreamsPerToken(),
							"event streams of token '" + token + "'", "coordination.sidecar.limits.streams-per-token");
				}
				catch (ApiException ex) {
					this.streams.decrementAndGet();
					throw ex;
				}
			}
			request.setAttribute(HELD, new Held(Kind.STREAM, token));
		}
		else if (waits(request)) {
			if (this.waits.incrementAndGet() > this.limits.getMaxWaits()) {
				this.waits.decrementAndGet();
				throw tooMany("waiting requests", this.limits.getMaxWaits(), "coordination.sidecar.limits.max-waits");
			}
			if (token != null) {
				try {
					take(this.waitsByToken, token, this.limits.getWaitsPerToken(),
							"waiting requests of token '" + token + "'", "coordination.sidecar.limits.waits-per-token");
				}
				catch (ApiException ex) {
					this.waits.decrementAndGet();
					throw ex;
				}
			}
			request.setAttribute(HELD, new Held(Kind.WAIT, token));
		}
		return true;
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		if (!(request.getAttribute(HELD) instanceof Held held) || request.isAsyncStarted()) {
			return; // nothing held, or a stream still open: released when its async processing completes
		}
		request.removeAttribute(HELD);
		if (held.kind() == Kind.WAIT) {
			this.waits.decrementAndGet();
			release(this.waitsByToken, held.token());
		}
		else {
			this.streams.decrementAndGet();
			release(this.streamsByToken, held.token());
		}
	}

	private static boolean streams(HandlerMethod method, HttpServletRequest request) {
		org.springframework.web.bind.annotation.GetMapping get = method
			.getMethodAnnotation(org.springframework.web.bind.annotation.GetMapping.class);
		if (get != null) {
			for (String produces : get.produces()) {
				if (produces.startsWith(MediaType.TEXT_EVENT_STREAM_VALUE)) {
					return true;
				}
			}
		}
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		return accept != null && accept.contains(MediaType.TEXT_EVENT_STREAM_VALUE);
	}

	private static boolean waits(HttpServletRequest request) {
		String query = request.getQueryString();
		if (query == null) {
			return false;
		}
		for (String parameter : query.split("&")) {
			if (parameter.startsWith("wait=") && parameter.length() > 5 || parameter.startsWith("index=")) {
				return true;
			}
		}
		return false;
	}

	private static void take(Map<String, AtomicInteger> counts, String token, int limit, String what,
			String property) {
		AtomicInteger count = counts.computeIfAbsent(token, (key) -> new AtomicInteger());
		if (count.incrementAndGet() > limit) {
			count.decrementAndGet();
			throw tooMany(what, limit, property);
		}
	}

	private static void release(Map<String, AtomicInteger> counts, String token) {
		if (token != null) {
			AtomicInteger count = counts.get(token);
			if (count != null) {
				count.decrementAndGet();
			}
		}
	}

	private static ApiException tooMany(String what, int limit, String property) {
		return new ApiException(HttpStatus.TOO_MANY_REQUESTS, "TOO_MANY_REQUESTS", null,
				"Too many " + what + ": at most " + limit + " at once (" + property + ")")
			.with("limit", limit);
	}

}
