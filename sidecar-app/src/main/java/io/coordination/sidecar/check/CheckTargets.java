package io.coordination.sidecar.check;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where HTTP and TCP checks may connect: loopback, this host's own addresses (an agent checks the application beside
 * it in its pod) and the configured {@code coordination.sidecar.check-targets}. Anything else is refused, so that a
 * token allowed to register checks cannot make the sidecar probe the rest of the network for it. A host name is
 * judged by every address it resolves to, when the check is registered and each time it runs.
 */
final class CheckTargets {

	private final List<Range> ranges = new ArrayList<>();

	private final Set<String> hosts = ConcurrentHashMap.newKeySet();

	private final List<String> configured;

	CheckTargets(List<String> configured) {
		this.configured = List.copyOf(configured);
		for (String target : configured) {
			String trimmed = target.trim();
			if (trimmed.contains("/")) {
				this.ranges.add(Range.parse(trimmed));
			}
			else if (isLiteral(trimmed)) {
				this.ranges.add(Range.parse(trimmed + "/" + (trimmed.contains(":") ? 128 : 32)));
			}
			else {
				this.hosts.add(trimmed.toLowerCase(java.util.Locale.ROOT));
			}
		}
	}

	/**
	 * Refuses a host checks may not reach.
	 * @param host the host of a check's URL or address
	 * @throws IllegalArgumentException saying why
	 */
	void require(String host) {
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(host);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("host '" + host + "' does not resolve");
		}
		boolean named = this.hosts.contains(host.toLowerCase(java.util.Locale.ROOT));
		for (InetAddress address : addresses) {
			if (!named && !allowed(address)) {
				throw new IllegalArgumentException("checks may only reach loopback, this host's own addresses and "
						+ "coordination.sidecar.check-targets " + this.configured + "; '" + host + "' is "
						+ address.getHostAddress());
			}
		}
	}

	private boolean allowed(InetAddress address) {
		if (address.isLoopbackAddress() || own().contains(address)) {
			return true;
		}
		return this.ranges.stream().anyMatch((range) -> range.contains(address));
	}

	private static Set<InetAddress> own() {
		Set<InetAddress> own = new java.util.HashSet<>();
		try {
			for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
				own.addAll(Collections.list(nic.getInetAddresses()));
			}
		}
		catch (SocketException ex) {
			// none known: loopback and the configured targets remain
		}
		return own;
	}

	private static boolean isLiteral(String target) {
		return target.matches("[0-9.]+") || target.contains(":");
	}

	/**
	 * An address range in CIDR notation.
	 */
	private record Range(byte[] network, int bits) {

		static Range parse(String cidr) {
			int slash = cidr.indexOf('/');
			String host = cidr.substring(0, slash);
			if (!isLiteral(host)) {
				throw new IllegalStateException(
						"coordination.sidecar.check-targets: '" + cidr + "' is not an address range");
			}
			try {
				byte[] network = InetAddress.getByName(host).getAddress();
				int bits = Integer.parseInt(cidr.substring(slash + 1));
				if (bits < 0 || bits > network.length * 8) {
					throw new NumberFormatException();
				}
				return new Range(network, bits);
			}
			catch (UnknownHostException | NumberFormatException ex) {
				throw new IllegalStateException(
						"coordination.sidecar.check-targets: '" + cidr + "' is not an address range");
			}
		}

		boolean contains(InetAddress address) {
			byte[] candidate = address.getAddress();
			if (candidate.length != this.network.length) {
				return false;
			}
			int shift = candidate.length * 8 - this.bits;
			BigInteger mask = (this.bits == 0) ? BigInteger.ZERO
					: BigInteger.ONE.shiftLeft(this.bits).subtract(BigInteger.ONE).shiftLeft(shift);
			return new BigInteger(1, candidate).and(mask).equals(new BigInteger(1, this.network).and(mask));
		}

	}

}
