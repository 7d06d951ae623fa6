package io.coordination.sidecar.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;

import io.coordination.sidecar.web.ApiException;

/**
 * What the caller of a request may do: the permissions of its bearer token, published by {@link TokenFilter} as a
 * request attribute for the controllers that check resources named in a body or a parameter rather than the path
 * (transactions, multi-document configuration changes, key ranges, session listings). Permission prefixes are plain
 * string prefixes of the resource path below {@code /v1/}, as in Consul: {@code write:locks/orders} also covers
 * {@code locks/orders-eu}. When security is off everything is allowed.
 */
public final class Permissions {

	/** The request attribute holding the caller's permissions. */
	public static final String ATTRIBUTE = Permissions.class.getName();

	private static final Permissions UNRESTRICTED = new Permissions(null, false,
			List.of(new Permission(true, "*")));

	/** What a request the filter has not seen may do: nothing (fail closed). */
	private static final Permissions NONE = new Permissions(null, true, List.of());

	private final String token;

	private final boolean restricted;

	private final List<Permission> permissions;

	/**
	 * One permission: reading (or also writing) every resource whose path starts with a prefix ({@code *}: all).
	 *
	 * @param write whether it allows writing (and reading)
	 * @param prefix the prefix, or {@code *}
	 */
	record Permission(boolean write, String prefix) {

		boolean allows(String resource, boolean writing) {
			return (this.write || !writing) && (this.prefix.equals("*") || resource.startsWith(this.prefix));
		}

	}

	private Permissions(String token, boolean restricted, List<Permission> permissions) {
		this.token = token;
		this.restricted = restricted;
		this.permissions = List.copyOf(permissions);
	}

	/**
	 * Parses the permissions of a token.
	 * @param token the token's name
	 * @param permissions {@code read:<prefix>} or {@code write:<prefix>} each
	 * @return the permissions
	 * @throws IllegalStateException naming the property if one is malformed
	 */
	static Permissions of(String token, List<String> permissions) {
		List<Permission> parsed = new ArrayList<>();
		for (String permission : permissions) {
			int colon = permission.indexOf(':');
			String kind = (colon > 0) ? permission.substring(0, colon).toLowerCase(Locale.ROOT) : "";
			if (!kind.equals("read") && !kind.equals("write") || colon == permission.length() - 1) {
				throw new IllegalStateException("coordination.sidecar.security.tokens." + token + ".permissions: '"
						+ permission + "' is not read:<prefix> or write:<prefix>");
			}
			parsed.add(new Permission(kind.equals("write"), permission.substring(colon + 1)));
		}
		return new Permissions(token, true, parsed);
	}

	/**
	 * Everything allowed: security is off.
	 * @return the permissions
	 */
	static Permissions unrestricted() {
		return UNRESTRICTED;
	}

	/**
	 * The permissions of the caller of a request, as {@link TokenFilter} published them; nothing is allowed if it has
	 * not (a request outside the API).
	 * @param request the request
	 * @return the permissions
	 */
	public static Permissions of(HttpServletRequest request) {
		Object permissions = request.getAttribute(ATTRIBUTE);
		return (permissions instanceof Permissions published) ? published : NONE;
	}

	/**
	 * The name of the caller's token.
	 * @return the name, or {@code null} when security is off
	 */
	public String token() {
		return this.token;
	}

	/**
	 * Whether security is on: requests are limited to their token's permissions and sessions to their creator.
	 * @return whether it is
	 */
	public boolean restricted() {
		return this.restricted;
	}

	/**
	 * Whether the caller may read or write a resource.
	 * @param resource the resource path below {@code /v1/}, decoded, for example {@code kv/orders/1}
	 * @param write whether it writes
	 * @return whether it may
	 */
	public boolean allows(String resource, boolean write) {
		String effective = reserved(resource);
		return this.permissions.stream().anyMatch((permission) -> permission.allows(effective, write));
	}

	/**
	 * Keys under the prefixes the core reserves for configuration, discovery and groups are those resources, not key-
	 * value resources: {@code read:kv/} does not read configuration documents or registrations through
	 * {@code /v1/kv/_config/...}, exactly as it does not through {@code /v1/config}.
	 */
	private static String reserved(String resource) {
		for (String[] mapping : RESERVED) {
			if (resource.startsWith(mapping[0])) {
				return mapping[1] + resource.substring(mapping[0].length());
			}
		}
		return resource;
	}

	private static final String[][] RESERVED = { { "kv/_config/", "config/" }, { "kv/_services/", "services/" },
			{ "kv/_groups/", "groups/" }, { "kv/_", "reserved/" } };

	/**
	 * Whether the caller may read everything ({@code read:*} or {@code write:*}): an operator's view.
	 * @return whether it may
	 */
	public boolean readsEverything() {
		return this.permissions.stream().anyMatch((permission) -> permission.prefix().equals("*"));
	}

	/**
	 * Whether the caller may write everything ({@code write:*}): it administers the sidecar.
	 * @return whether it may
	 */
	public boolean administers() {
		return this.permissions.stream()
			.anyMatch((permission) -> permission.write() && permission.prefix().equals("*"));
	}

	/**
	 * The prefixes the caller may read or write.
	 * @param write whether it writes
	 * @return the prefixes, {@code *} for all
	 */
	public List<String> prefixes(boolean write) {
		return this.permissions.stream()
			.filter((permission) -> permission.write() || !write)
			.map(Permission::prefix)
			.toList();
	}

	/**
	 * Refuses a request unless the caller may read or write a resource.
	 * @param resource the resource path below {@code /v1/}
	 * @param write whether it writes
	 * @param field the request field naming the resource
	 * @throws ApiException {@code 403 FORBIDDEN} if it may not
	 */
	public void require(String resource, boolean write, String field) {
		if (!allows(resource, write)) {
			throw forbidden(resource, write, field);
		}
	}

	/**
	 * The answer to a request for something the caller may not do.
	 * @param resource the resource path below {@code /v1/}
	 * @param write whether it writes
	 * @param field the request field naming the resource
	 * @return the problem
	 */
	public ApiException forbidden(String resource, boolean write, String field) {
		return new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN", field,
				((this.token != null) ? "Token '" + this.token + "'" : "This request") + " may not "
						+ (write ? "write" : "read") + " '" + resource + "'")
			.with("resource", resource);
	}

}
