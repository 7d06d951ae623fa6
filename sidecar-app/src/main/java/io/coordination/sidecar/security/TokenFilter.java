package io.coordination.sidecar.security;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.coordination.sidecar.web.FilterProblems;
import io.coordination.sidecar.web.RequestPaths;

/**
 * Shared-secret bearer tokens with per-prefix permissions on the {@code /v1} API. Reads need {@code read:} (or
 * {@code write:}) on a prefix of the resource path, everything else {@code write:}. Prefixes are plain string
 * prefixes, as in Consul: {@code write:locks/orders} also covers {@code locks/orders-eu}. Sessions and the cluster
 * view need only a valid token; so do transactions ({@code kv-txn}) and multi-document configuration changes
 * ({@code config-changes}, {@code config-rollouts}), whose controllers check every key or document of the body against
 * the caller's {@link Permissions}, published as the request attribute {@link Permissions#ATTRIBUTE}. A session
 * belongs to the token that created it: a request naming another token's session (in the path
 * {@code /v1/sessions/{id}} or the {@code session} query parameter) is refused. The {@code coordination} actuator
 * endpoint needs {@code read:*} to read and {@code write:*} to write (force a release). It runs before any filter that
 * reads a body.
 * Off by default on a loopback binding; required (start-up fails without tokens) when the API listens on any other
 * address. It decides on the path the dispatcher matches ({@link RequestPaths}) and refuses one it could read
 * otherwise.
 */
@Component
public class TokenFilter extends OncePerRequestFilter implements Ordered {

	private static final Log logger = LogFactory.getLog(TokenFilter.class);

	private static final int MIN_SECRET = 16;

	/** Resources any valid token reaches: their controllers check what the request names, if anything. */
	private static final Set<String> CHECKED_BY_CONTROLLERS = Set.of("cluster", "sessions", "kv-txn",
			"config-changes", "config-rollouts");

	private final boolean enabled;

	private final List<Grant> grants = new ArrayList<>();

	private final ObjectProvider<SessionOwners> sessions;

	/** Path of the {@code coordination} actuator endpoint. */
	private final String endpoint;

	private final Set<String> anonymous;

	/** The management port, when it listens beyond loopback while the API does not need tokens; else -1. */
	private final int exposedManagementPort;

	private record Grant(String name, byte[] secret, Permissions permissions) {
	}

	/**
	 * Creates the filter.
	 * @param properties the tokens
	 * @param environment where the API listens
	 * @param sessions the application sessions, whose creators own them
	 */
	public TokenFilter(SecurityProperties properties, Environment environment, ObjectProvider<SessionOwners> sessions) {
		this.sessions = sessions;
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
		String base = environment.getProperty("management.endpoints.web.base-path", "/actuator");
		String mapping = environment.getProperty("management.endpoints.web.path-mapping.coordination", "coordination");
		this.endpoint = (base.endsWith("/") ? base : base + "/")
				+ (mapping.startsWith("/") ? mapping.substring(1) : mapping);
		this.anonymous = Set.copyOf(properties.getAnonymousPaths());
		int managementPort = environment.getProperty("management.server.port", Integer.class, -1);
		String managementAddress = environment.getProperty("management.server.address", address);
		this.exposedManagementPort = (!this.enabled && managementPort > 0 && !isLoopback(managementAddress))
				? managementPort : -1;
	}

	private static Grant grant(String name, SecurityProperties.Token token) {
		if (token.getSecret() == null || token.getSecret().length() < MIN_SECRET) {
			throw new IllegalStateException("coordination.sidecar.security.tokens." + name
					+ ".secret must be at least " + MIN_SECRET + " characters");
		}
		return new Grant(name, token.getSecret().getBytes(StandardCharsets.UTF_8),
				Permissions.of(name, token.getPermissions()));
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

	/**
	 * Right after the path checks, before anything reads a body: an anonymous caller costs a header parse.
	 * @return the order
	 */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 50;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return false; // every path: the API, the actuator, OpenAPI and the error page alike
	}

	private static boolean isApi(String path) {
		return path.startsWith("/v1/") || path.equals("/v1");
	}

	private boolean isEndpoint(String path) {
		return path.startsWith(this.endpoint);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = RequestPaths.of(request);
		if (path == null) {
			RequestPaths.refuse(request, response);
			return;
		}
		if (path.equals("/error")) {
			// the error page is for errors forwarded inside the server, never a resource of its own
			FilterProblems.write(response, HttpStatus.NOT_FOUND, "NOT_FOUND", "path", "No resource at /error");
			return;
		}
		if (!this.enabled && request.getLocalPort() != this.exposedManagementPort) {
			request.setAttribute(Permissions.ATTRIBUTE, Permissions.unrestricted());
			chain.doFilter(new Authenticated(request, "local"), response);
			return;
		}
		// tokens are required: on the API, or on a management port beyond loopback (where, without tokens
		// configured, only the anonymous paths, the probes, answer)
		String header = request.getHeader("Authorization");
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			if (this.anonymous.contains(path)) {
				chain.doFilter(request, response);
				return;
			}
			refuse(response, HttpStatus.UNAUTHORIZED, "Authorization", "A bearer token is required");
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
			refuse(response, HttpStatus.UNAUTHORIZED, "Authorization", "Unknown bearer token");
			return;
		}
		boolean writing = !request.getMethod().equals("GET") && !request.getMethod().equals("HEAD");
		if (isApi(path)) {
			String resource = decode(path.substring(Math.min(path.length(), 4)));
			if (resource == null) {
				RequestPaths.refuse(request, response);
				return;
			}
			if (!CHECKED_BY_CONTROLLERS.contains(resource) && !resource.startsWith("sessions/")
					&& !grant.permissions().allows(resource, writing)) {
				refuse(response, HttpStatus.FORBIDDEN, "Authorization", "Token '" + grant.name() + "' may not "
						+ (writing ? "write" : "read") + " '" + resource + "'");
				return;
			}
			// write:* (operators) may look at and end any session
			String foreign = grant.permissions().administers() ? null : foreignSession(request, path, grant.name());
			if (foreign != null) {
				refuse(response, HttpStatus.FORBIDDEN, "session",
						"Session " + foreign + " belongs to another token than '" + grant.name() + "'");
				return;
			}
		}
		else if (!isEndpoint(path)) {
			// probes, other actuator endpoints, OpenAPI: any valid token
			request.setAttribute(Permissions.ATTRIBUTE, grant.permissions());
			chain.doFilter(new Authenticated(request, grant.name()), response);
			return;
		}
		else if (writing && !grant.permissions().administers()) {
			refuse(response, HttpStatus.FORBIDDEN, "Authorization", "Token '" + grant.name()
					+ "' may not use the write operations of " + this.endpoint + " (they need write:*)");
			return;
		}
		else if (!grant.permissions().readsEverything()) {
			// the endpoint shows every lock, election, semaphore and service with their metadata: an operator's view
			refuse(response, HttpStatus.FORBIDDEN, "Authorization",
					"Token '" + grant.name() + "' may not read " + this.endpoint + " (it needs read:* or write:*)");
			return;
		}
		request.setAttribute(Permissions.ATTRIBUTE, grant.permissions());
		chain.doFilter(new Authenticated(request, grant.name()), response);
	}

	/**
	 * A request made with a valid token: its principal is the token's name (the health endpoint shows details to an
	 * authenticated caller).
	 */
	private static final class Authenticated extends jakarta.servlet.http.HttpServletRequestWrapper {

		private final java.security.Principal principal;

		Authenticated(HttpServletRequest request, String name) {
			super(request);
			this.principal = () -> name;
		}

		@Override
		public java.security.Principal getUserPrincipal() {
			return this.principal;
		}

	}

	/**
	 * The first session a request names (in the path {@code /v1/sessions/{id}} or a {@code session} parameter) that
	 * another token created.
	 * @return its id, or {@code null} if there is none (unknown ones are left to the controller)
	 */
	private String foreignSession(HttpServletRequest request, String path, String token) {
		Set<String> named = new LinkedHashSet<>();
		if (path.startsWith("/v1/sessions/")) {
			String rest = path.substring("/v1/sessions/".length());
			int slash = rest.indexOf('/');
			String id = decode((slash >= 0) ? rest.substring(0, slash) : rest);
			if (id != null && !id.isEmpty()) {
				named.add(id);
			}
		}
		// from the query string only: getParameterValues would parse a form body before its size is checked
		String query = request.getQueryString();
		if (query != null) {
			for (String parameter : query.split("&")) {
				if (parameter.startsWith("session=")) {
					String id = decode(parameter.substring("session=".length()));
					if (id != null) {
						named.add(id);
					}
				}
			}
		}
		if (named.isEmpty()) {
			return null;
		}
		SessionOwners sessions = this.sessions.getObject();
		for (String id : named) {
			Optional<String> creator = sessions.creator(id);
			if (creator.isPresent() && !creator.get().equals(token)) {
				return id;
			}
		}
		return null;
	}

	private static String decode(String encoded) {
		try {
			return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private void refuse(HttpServletResponse response, HttpStatus status, String field, String detail)
			throws IOException {
		if (status == HttpStatus.UNAUTHORIZED) {
			response.setHeader("WWW-Authenticate", "Bearer");
		}
		FilterProblems.write(response, status, (status == HttpStatus.UNAUTHORIZED) ? "UNAUTHORIZED" : "FORBIDDEN",
				field, detail);
	}

}
