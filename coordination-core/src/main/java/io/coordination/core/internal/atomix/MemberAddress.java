package io.coordination.core.internal.atomix;

import java.util.Objects;

/**
 * A member of the static member list: {@code host:port} or {@code id@host:port}. Without an id, the id is
 * {@code host:port}.
 *
 * @param id member id
 * @param host host name or address
 * @param port messaging port
 */
public record MemberAddress(String id, String host, int port) {

	/**
	 * Validates the components.
	 * @param id member id
	 * @param host host
	 * @param port port
	 */
	public MemberAddress {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(host, "host");
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("Port of member '" + id + "' must be between 1 and 65535: " + port);
		}
	}

	/**
	 * Parses {@code host:port} or {@code id@host:port}.
	 * @param text the member
	 * @return the address
	 * @throws IllegalArgumentException naming the bad member
	 */
	public static MemberAddress parse(String text) {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("A cluster member must not be empty");
		}
		String spec = text.trim();
		String id = null;
		int at = spec.indexOf('@');
		if (at >= 0) {
			id = spec.substring(0, at);
			spec = spec.substring(at + 1);
			if (id.isEmpty()) {
				throw new IllegalArgumentException("Cluster member '" + text + "' has an empty id before '@'");
			}
		}
		int colon = spec.lastIndexOf(':');
		if (colon <= 0 || colon == spec.length() - 1) {
			throw new IllegalArgumentException(
					"Cluster member '" + text + "' must be host:port or id@host:port");
		}
		String host = spec.substring(0, colon);
		int port;
		try {
			port = Integer.parseInt(spec.substring(colon + 1));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Cluster member '" + text + "' has a port that is not a number");
		}
		return new MemberAddress((id != null) ? id : host + ":" + port, host, port);
	}

	/**
	 * Whether this address designates the given host and port.
	 * @param otherHost a host
	 * @param otherPort a port
	 * @return whether they match
	 */
	public boolean matches(String otherHost, int otherPort) {
		return this.port == otherPort && this.host.equalsIgnoreCase(otherHost);
	}

	@Override
	public String toString() {
		return this.id + "@" + this.host + ":" + this.port;
	}

}
