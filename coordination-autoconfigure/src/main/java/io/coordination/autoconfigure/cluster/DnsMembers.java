package io.coordination.autoconfigure.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The Raft voters from DNS, as a Kubernetes headless service publishes them: either the SRV records of a named port
 * ({@code srv:_raft._tcp.coordination.default.svc.cluster.local}), which name each pod by its stable host name
 * (member id = the first label, {@code coordination-0}), or the addresses of a name ({@code coordination:5679},
 * member id = the address). Waits until the expected number of voters is published, so that every voter starts
 * with the same member list.
 */
public final class DnsMembers {

	private static final Log logger = LogFactory.getLog(DnsMembers.class);

	private final Resolver resolver;

	/**
	 * Uses the JDK's resolvers.
	 */
	public DnsMembers() {
		this(new JdkResolver());
	}

	DnsMembers(Resolver resolver) {
		this.resolver = resolver;
	}

	/**
	 * Looks up DNS.
	 */
	interface Resolver {

		/**
		 * SRV records of a name, as "priority weight port target".
		 * @param name the name
		 * @return the records
		 * @throws NamingException if the lookup failed
		 */
		List<String> srv(String name) throws NamingException;

		/**
		 * Addresses of a name.
		 * @param name the name
		 * @return the addresses
		 * @throws UnknownHostException if the name does not resolve
		 */
		List<String> addresses(String name) throws UnknownHostException;

	}

	/**
	 * Resolves the voters, waiting until DNS publishes the expected number.
	 * @param spec {@code srv:<name>} or {@code <name>:<port>}
	 * @param expected how many voters the ensemble has
	 * @param timeout longest wait
	 * @return the voters as {@code id@host:port}, sorted
	 * @throws IllegalArgumentException if the spec is malformed
	 * @throws IllegalStateException if DNS does not publish the expected voters in time
	 */
	public List<String> resolve(String spec, int expected, Duration timeout) {
		if (expected < 1) {
			throw new IllegalArgumentException("coordination.cluster.expected-voters must be positive: " + expected);
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		List<String> members = List.of();
		String problem = "nothing resolved yet";
		while (true) {
			try {
				members = lookup(spec);
				if (members.size() == expected) {
					logger.info("Voters from DNS " + spec + ": " + members);
					return members;
				}
				problem = members.size() + " of " + expected + " voters published: " + members;
			}
			catch (NamingException | UnknownHostException ex) {
				problem = ex.toString();
			}
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException("DNS " + spec + " did not publish " + expected + " voters within "
						+ timeout + " (" + problem + "); with a Kubernetes headless service, set "
						+ "publishNotReadyAddresses: true");
			}
			logger.info("Waiting for the voters in DNS " + spec + ": " + problem);
			try {
				Thread.sleep(1_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while resolving " + spec, ex);
			}
		}
	}

	List<String> lookup(String spec) throws NamingException, UnknownHostException {
		TreeSet<String> members = new TreeSet<>();
		if (spec.toLowerCase(Locale.ROOT).startsWith("srv:")) {
			for (String record : this.resolver.srv(spec.substring(4))) {
				String[] parts = record.trim().split("\\s+");
				if (parts.length != 4) {
					throw new IllegalArgumentException("Malformed SRV record of " + spec + ": '" + record + "'");
				}
				String host = parts[3].endsWith(".") ? parts[3].substring(0, parts[3].length() - 1) : parts[3];
				String id = host.contains(".") ? host.substring(0, host.indexOf('.')) : host;
				members.add(id + "@" + host + ":" + Integer.parseInt(parts[2]));
			}
		}
		else {
			int colon = spec.lastIndexOf(':');
			if (colon <= 0) {
				throw new IllegalArgumentException(
						"coordination.cluster.dns must be srv:<name> or <name>:<port>, not '" + spec + "'");
			}
			int port = Integer.parseInt(spec.substring(colon + 1));
			for (String address : this.resolver.addresses(spec.substring(0, colon))) {
				members.add(address + ":" + port);
			}
		}
		return new ArrayList<>(members);
	}

	private static final class JdkResolver implements Resolver {

		@Override
		public List<String> srv(String name) throws NamingException {
			Hashtable<String, String> environment = new Hashtable<>();
			environment.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
			environment.put("java.naming.provider.url", "dns:");
			DirContext context = new InitialDirContext(environment);
			try {
				Attribute records = context.getAttributes(name, new String[] { "SRV" }).get("SRV");
				List<String> result = new ArrayList<>();
				if (records != null) {
					NamingEnumeration<?> values = records.getAll();
					while (values.hasMore()) {
						result.add(String.valueOf(values.next()));
					}
				}
				return result;
			}
			finally {
				context.close();
			}
		}

		@Override
		public List<String> addresses(String name) throws UnknownHostException {
			List<String> result = new ArrayList<>();
			for (InetAddress address : InetAddress.getAllByName(name)) {
				result.add(address.getHostAddress());
			}
			return result;
		}

	}

}
