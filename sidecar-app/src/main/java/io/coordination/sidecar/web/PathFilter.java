package io.coordination.sidecar.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before any other filter decides by path, a request whose path the server and the dispatcher could read
 * differently ({@link RequestPaths#problem(String)}): {@code PUT /v1;x/kv/secret} would otherwise reach the key-value
 * API while looking like no API path at all to a filter reading the raw URI.
 */
@Component
public class PathFilter extends OncePerRequestFilter implements Ordered {

	@Override
	public int getOrder() {
		// after the character encoding filter, before every filter deciding by path
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return RequestPaths.of(request) != null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		RequestPaths.refuse(request, response);
	}

}
