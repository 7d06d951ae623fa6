package io.coordination.sidecar.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Bearer tokens of the HTTP API and what each may do. Permissions are prefixes of the resource path below
 * {@code /v1/} and match as plain string prefixes, as in Consul: {@code write:locks/orders} also covers
 * {@code locks/orders-eu}; end a prefix with {@code /} to grant one folder only.
 */
@ConfigurationProperties("coordination.sidecar.security")
public class SecurityProperties {

	/**
	 * Whether requests to /v1 need a bearer token. Default: required when the API listens on a non-loopback address
	 * (start-up fails without tokens then), off on loopback.
	 */
	private Boolean enabled;

	/**
	 * Tokens by name.
	 */
	private final Map<String, Token> tokens = new LinkedHashMap<>();

	/**
	 * Paths answered without a token when tokens are required (exact matches): the probes. Everything else outside
	 * /v1 (other actuator endpoints, OpenAPI, Swagger UI) needs a valid token; a valid token on these shows health
	 * details.
	 */
	private List<String> anonymousPaths = new ArrayList<>(
			List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"));

	public List<String> getAnonymousPaths() {
		return this.anonymousPaths;
	}

	public void setAnonymousPaths(List<String> anonymousPaths) {
		this.anonymousPaths = anonymousPaths;
	}

	public Boolean getEnabled() {
		return this.enabled;
	}

	public void setEnabled(Boolean enabled) {
		this.enabled = enabled;
	}

	public Map<String, Token> getTokens() {
		return this.tokens;
	}

	/**
	 * One token.
	 */
	public static class Token {

		/**
		 * The shared secret clients send as "Authorization: Bearer <secret>" (at least 16 characters).
		 */
		private String secret;

		/**
		 * What it may do: "read:<prefix>" or "write:<prefix>" (write implies read) over API paths below /v1/, for
		 * example "write:locks/", "read:kv/orders/", "write:*". Prefixes are plain string prefixes, as in Consul:
		 * "write:locks/orders" also covers "locks/orders-eu" (end a prefix with "/" to grant one folder only). Keys
		 * of a transaction are checked as "kv/<key>", documents of a multi-document configuration change as
		 * "config/<application>/<profile>". Sessions and the cluster view need no permission, but a session may
		 * only be used by the token that created it. The coordination actuator endpoint needs a valid token to
		 * read and "write:*" to write.
		 */
		private List<String> permissions = new ArrayList<>();

		public String getSecret() {
			return this.secret;
		}

		public void setSecret(String secret) {
			this.secret = secret;
		}

		public List<String> getPermissions() {
			return this.permissions;
		}

		public void setPermissions(List<String> permissions) {
			this.permissions = permissions;
		}

	}

}
