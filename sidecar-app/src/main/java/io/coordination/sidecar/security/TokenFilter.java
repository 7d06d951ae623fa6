package io.coordination.sidecar.security;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.coordination.sidecar.web.FilterProblems;

/**
 * Shared-secret bearer tokens with per-prefix permissions on the {@code /v1} API. Reads need {@code read:} (or
 * {@code write:}) on a prefix of the resource path, everything else {@code write:}. Sessions and the cluster view
 * need only a valid token. Off by default on a loopback binding; required (start-up fails without tokens) when the
 * API listens on any other address.
 */
@Component
public class TokenFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(TokenFilter.class);

	private static final int MIN_SECRET = 16;

	private final boolean enabled;

	private final List<Grant> grants = new ArrayList<>();

	private record Grant(String name, byte[] secret, List<Permission> permissions) {
	}

	private record Permission(boolean write, String prefix) {

		boolean allows(boolean writing, String resource) {
			return (this.write || !writing) && (this.prefix.equals("*") || resource.startsWith(this.prefix));
		}

	}

	/**
	 * Creates the filter.
	 * @param properties the tokens
	 * @param environment where the API listens
	 */
	public TokenFilter(SecurityProperties properties, Environment environment) {
		String address = environment.getProperty("server.address");
		boolean loopback = isLoopback(address);
		this.enabled = (properties.getEnabled() != null) ? properties.getEnabled() : !loopback;
		properties.getTokens().forEach((name, token) -> this.grants.add(grant(name, token)));
		if (this.enabled && this.grants.isEmpty()) {
			throw new IllegalStateException("The HTTP API listens on " + ((address != null) ? address : "every address")
					+ " and requires bearer tokens, but none is configured: set "
					+ "coordination.sidecar.security.tokens.<name>.secret and .permissions "
					+ "(or bind to 127.0.0.1 with server.address)");
		}
		if (!this.enabled && !loopback) {
			logger.warn("The HTTP API listens on " + ((address != null) ? address : "every address")
					+ " without authentication (coordination.sidecar.security.enabled=false)");
		}
	}

	private static Grant grant(String name, SecurityProperties.Token token) {
		if (token.getSecret() == null || token.getSecret().length() < MIN_SECRET) {
			throw new IllegalStateException("coordination.sidecar.security.tokens." + name
					+ ".secret must be at least " + MIN_SECRET + " characters");
		}
		List<Permission> permissions = new ArrayList<>();
		for (String permission : token.getPermissions()) {
			int colon = permission.indexOf(':');
			String kind = (colon > 0) ? permission.substring(0, colon).toLowerCase(Locale.ROOT) : "";
			if (!kind.equals("read") && !kind.equals("write") || colon == permission.length() - 1) {
				throw new IllegalStateException("coordination.sidecar.security.tokens." + name + ".permissions: '"
						+ permission + "' is not read:<prefix> or write:<prefix>");
			}
			permissions.add(new Permission(kind.equals("write"), permission.substring(colon + 1)));
		}
		return new Grant(name, token.getSecret().getBytes(StandardCharsets.UTF_8), permissions);
	}

	static boolean isLoopback(String address) {
		if (address == null || address.isBlank()) {
			return false;
		}
		try {
			return InetAddress.getByName(address).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return !this.enabled || !(path.startsWith("/v1/") || path.equals("/v1")
				|| path.startsWith("/actuator/coordination"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			refuse(response, HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "A bearer token is required");
			return;
		}
		byte[] presented = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
		Grant grant = null;
		for (Grant candidate : this.grants) {
			if (MessageDigest.isEqual(candidate.secret(), presented)) {
				grant = candidate;
			}
		}
		if (grant == null) {
			refuse(response, HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "Unknown bearer token");
			return;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String resource = path.startsWith("/v1/") ? path.substring(4) : path.substring(1);
		boolean writing = !request.getMethod().equals("GET") && !request.getMethod().equals("HEAD");
		if (!needsNoPermission(resource) && grant.permissions().stream()
			.noneMatch((permission) -> permission.allows(writing, decode(resource)))) {
			refuse(response, HttpStatus.FORBIDDEN, "FORBIDDEN", "Token '" + grant.name() + "' may not "
					+ (writing ? "write" : "read") + " '" + decode(resource) + "'");
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean needsNoPermission(String resource) {
		return resource.startsWith("sessions") || resource.equals("cluster");
	}

	private static String decode(String resource) {
		return java.net.URLDecoder.decode(resource.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

	private void refuse(HttpServletResponse response, HttpStatus status, String code, String detail)
			throws IOException {
		if (status == HttpStatus.UNAUTHORIZED) {
			response.setHeader("WWW-Authenticate", "Bearer");
		}
		FilterProblems.write(response, status, code, "Authorization", detail);
	}

}
