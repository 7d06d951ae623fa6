package io.coordination.sidecar.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Bearer tokens of the HTTP API and what each may do.
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
		 * example "write:locks/", "read:kv/orders/", "write:*". Sessions and the cluster view need no permission.
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
