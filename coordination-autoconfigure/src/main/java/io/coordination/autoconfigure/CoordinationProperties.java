package io.coordination.autoconfigure;

import java.nio.file.Path;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The coordination node: how the application reaches the cluster, who it is in it, and its timeouts. Validates its
 * timeouts itself, so that a wrong one fails start-up naming the property, its value and where it was set (Spring
 * Boot's failure analysis) rather than with a stack trace from the node.
 */
@ConfigurationProperties("coordination")
public class CoordinationProperties implements Validator {

	/**
	 * Whether to start the coordination node and every coordination feature.
	 */
	private boolean enabled = true;

	/**
	 * How the application reaches the cluster. "embedded" runs a node inside the application; "sidecar" uses a
	 * coordination sidecar's HTTP API (coordination.sidecar.url) through coordination-client.
	 */
	private Mode mode = Mode.EMBEDDED;

	/**
	 * Longest wait for a single call to the cluster before it fails as unavailable.
	 */
	private Duration operationTimeout = Duration.ofSeconds(15);

	/**
	 * Longest wait, at start-up, for the node to join its cluster (in sidecar mode: for the sidecar to answer, as it
	 * may start after the application).
	 */
	private Duration startTimeout = Duration.ofSeconds(60);

	private final Node node = new Node();

	private final Cluster cluster = new Cluster();

	private final Session session = new Session();

	private final Raft raft = new Raft();

	private final Deadlock deadlock = new Deadlock();

	private final Kv kv = new Kv();

	private final Sidecar sidecar = new Sidecar();

	@Override
	public boolean supports(Class<?> type) {
		return CoordinationProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		CoordinationProperties properties = (CoordinationProperties) target;
		atLeast(errors, "session.timeout", properties.getSession().getTimeout(), Duration.ofSeconds(1));
		atLeast(errors, "operationTimeout", properties.getOperationTimeout(), Duration.ofMillis(1));
		atLeast(errors, "startTimeout", properties.getStartTimeout(), Duration.ofMillis(1));
		Raft raft = properties.getRaft();
		atLeast(errors, "raft.electionTimeout", raft.getElectionTimeout(), Duration.ofMillis(1));
		atLeast(errors, "raft.heartbeatInterval", raft.getHeartbeatInterval(), Duration.ofMillis(1));
		if (raft.getHeartbeatInterval() != null && raft.getElectionTimeout() != null
				&& raft.getHeartbeatInterval().multipliedBy(2).compareTo(raft.getElectionTimeout()) > 0) {
			errors.rejectValue("raft.heartbeatInterval", "coordination.heartbeat", "must be at most half of "
					+ "coordination.raft.election-timeout (" + raft.getElectionTimeout().toMillis() + " ms)");
		}
	}

	private static void atLeast(Errors errors, String field, Duration value, Duration minimum) {
		if (value == null) {
			errors.rejectValue(field, "coordination.required", "must be set");
		}
		else if (value.compareTo(minimum) < 0) {
			errors.rejectValue(field, "coordination.min", "must be at least "
					+ ((minimum.toMillis() >= 1000) ? minimum.toSeconds() + "s" : minimum.toMillis() + "ms") + ", not "
					+ value.toMillis() + "ms" + ((value.toMillis() < 1000 && !value.isNegative())
							? " (a number without a unit is read as milliseconds: write " + value.toMillis() + "s for "
									+ value.toMillis() + " seconds)"
							: ""));
		}
	}

	public Kv getKv() {
		return this.kv;
	}

	public Sidecar getSidecar() {
		return this.sidecar;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Mode getMode() {
		return this.mode;
	}

	public void setMode(Mode mode) {
		this.mode = mode;
	}

	public Duration getOperationTimeout() {
		return this.operationTimeout;
	}

	public void setOperationTimeout(Duration operationTimeout) {
		this.operationTimeout = operationTimeout;
	}

	public Duration getStartTimeout() {
		return this.startTimeout;
	}

	public void setStartTimeout(Duration startTimeout) {
		this.startTimeout = startTimeout;
	}

	public Node getNode() {
		return this.node;
	}

	public Cluster getCluster() {
		return this.cluster;
	}

	public Session getSession() {
		return this.session;
	}

	public Raft getRaft() {
		return this.raft;
	}

	public Deadlock getDeadlock() {
		return this.deadlock;
	}

	/**
	 * How the application reaches the cluster.
	 */
	public enum Mode {

		/**
		 * The application runs a node: a single-node cluster on a local data directory when no members are
		 * configured, otherwise a voter (its own address is listed) or a client member of the listed voters.
		 */
		EMBEDDED,

		/**
		 * The application uses a coordination sidecar (an agent in its pod) over HTTP; the session timeout is the
		 * TTL of its application session.
		 */
		SIDECAR

	}

	/**
	 * The sidecar used in "sidecar" mode.
	 */
	public static class Sidecar {

		/**
		 * Base URL of the sidecar's HTTP API.
		 */
		private URI url = URI.create("http://127.0.0.1:8500");

		/**
		 * Bearer token, when the sidecar requires one.
		 */
		private String token;

		/**
		 * SSL bundle (spring.ssl.bundle.*) whose trust material verifies an https sidecar URL. Default: the JVM's
		 * trust store.
		 */
		private String sslBundle;

		public String getSslBundle() {
			return this.sslBundle;
		}

		public void setSslBundle(String sslBundle) {
			this.sslBundle = sslBundle;
		}

		public URI getUrl() {
			return this.url;
		}

		public void setUrl(URI url) {
			this.url = url;
		}

		public String getToken() {
			return this.token;
		}

		public void setToken(String token) {
			this.token = token;
		}

	}

	/**
	 * This member.
	 */
	public static class Node {

		/**
		 * Member id. Default: its entry in the member list, "node-1" for a single node, "client-host-port" for a
		 * client member.
		 */
		private String id;

		/**
		 * Host other members reach this one at.
		 */
		private String host = "127.0.0.1";

		/**
		 * Messaging port. 0 picks a free port (single node or client member only).
		 */
		private int port = 5679;

		/**
		 * Interface the messaging server binds to. Default: the host.
		 */
		private String bindHost;

		/**
		 * Where a voter keeps its Raft log and snapshots. Default: coordination-data/<member id> under the working
		 * directory.
		 */
		private Path dataDir;

		/**
		 * Whether a voter puts its Raft log on disk (fsync) before it acknowledges a write, so that acknowledged
		 * writes survive a power loss of every voter. Turning it off is for tests and development only: writes then
		 * live in the page cache, and a machine crash can lose them and repeat fencing tokens.
		 */
		private boolean sync = true;

		/**
		 * Whether messaging may listen beyond loopback without TLS. Off: such a node refuses to start, since any
		 * process that reaches the port could join the cluster. Turn it on only where the network admits nothing but
		 * the cluster's members.
		 */
		private boolean insecureMessaging;

		private final Tls tls = new Tls();

		public Tls getTls() {
			return this.tls;
		}

		public String getId() {
			return this.id;
		}

		public void setId(String id) {
			this.id = id;
		}

		public String getHost() {
			return this.host;
		}

		public void setHost(String host) {
			this.host = host;
		}

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

		public String getBindHost() {
			return this.bindHost;
		}

		public void setBindHost(String bindHost) {
			this.bindHost = bindHost;
		}

		public Path getDataDir() {
			return this.dataDir;
		}

		public void setDataDir(Path dataDir) {
			this.dataDir = dataDir;
		}

		public boolean isSync() {
			return this.sync;
		}

		public void setSync(boolean sync) {
			this.sync = sync;
		}

		public boolean isInsecureMessaging() {
			return this.insecureMessaging;
		}

		public void setInsecureMessaging(boolean insecureMessaging) {
			this.insecureMessaging = insecureMessaging;
		}

	}

	/**
	 * TLS of the messaging between members.
	 */
	public static class Tls {

		/**
		 * SSL bundle (spring.ssl.bundle.*, PEM or JKS) with this member's key and certificate and the trust material
		 * for the others (for example the cluster CA); setting it turns TLS on. An alternative to key-store.
		 */
		private String bundle;

		/**
		 * Key store (PKCS12 or JKS) with this member's key and certificate; setting it turns TLS on. The certificate
		 * needs a subject alternative name matching the member's host.
		 */
		private Path keyStore;

		public String getBundle() {
			return this.bundle;
		}

		public void setBundle(String bundle) {
			this.bundle = bundle;
		}

		/**
		 * Password of the key store.
		 */
		private String keyStorePassword;

		/**
		 * Trust store with the members' certificates or their CA. Default: the key store.
		 */
		private Path trustStore;

		/**
		 * Password of the trust store. Default: the key store's.
		 */
		private String trustStorePassword;

		public Path getKeyStore() {
			return this.keyStore;
		}

		public void setKeyStore(Path keyStore) {
			this.keyStore = keyStore;
		}

		public String getKeyStorePassword() {
			return this.keyStorePassword;
		}

		public void setKeyStorePassword(String keyStorePassword) {
			this.keyStorePassword = keyStorePassword;
		}

		public Path getTrustStore() {
			return this.trustStore;
		}

		public void setTrustStore(Path trustStore) {
			this.trustStore = trustStore;
		}

		public String getTrustStorePassword() {
			return this.trustStorePassword;
		}

		public void setTrustStorePassword(String trustStorePassword) {
			this.trustStorePassword = trustStorePassword;
		}

	}

	/**
	 * The cluster.
	 */
	public static class Cluster {

		/**
		 * Cluster id; members only talk to members with the same id.
		 */
		private String id = "coordination";

		/**
		 * Raft voters as host:port or id@host:port. Empty: a single-node cluster of this member.
		 */
		private List<String> members = new ArrayList<>();

		/**
		 * The voters from DNS instead of a list: "srv:<name>" (SRV records of a Kubernetes headless service's named
		 * port; member ids are the pods' names) or "<name>:<port>" (its addresses). Start-up waits until
		 * expected-voters are published.
		 */
		private String dns;

		/**
		 * How many voters DNS must publish before the node starts.
		 */
		private int expectedVoters = 3;

		public String getId() {
			return this.id;
		}

		public void setId(String id) {
			this.id = id;
		}

		public List<String> getMembers() {
			return this.members;
		}

		public String getDns() {
			return this.dns;
		}

		public void setDns(String dns) {
			this.dns = dns;
		}

		public int getExpectedVoters() {
			return this.expectedVoters;
		}

		public void setExpectedVoters(int expectedVoters) {
			this.expectedVoters = expectedVoters;
		}

		public void setMembers(List<String> members) {
			this.members = members;
		}

	}

	/**
	 * The node's session with the cluster.
	 */
	public static class Session {

		/**
		 * How long the cluster keeps the session without hearing from the node; everything it holds is then released.
		 * Shorter hands over sooner after a crash; longer survives longer pauses.
		 */
		private Duration timeout = Duration.ofSeconds(10);

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * Raft timing of a voter.
	 */
	public static class Raft {

		/**
		 * How long followers wait for a silent leader before electing another (each waits between it and twice it).
		 */
		private Duration electionTimeout = Duration.ofSeconds(1);

		/**
		 * Leader heartbeat interval; at most half the election timeout.
		 */
		private Duration heartbeatInterval = Duration.ofMillis(150);

		public Duration getElectionTimeout() {
			return this.electionTimeout;
		}

		public void setElectionTimeout(Duration electionTimeout) {
			this.electionTimeout = electionTimeout;
		}

		public Duration getHeartbeatInterval() {
			return this.heartbeatInterval;
		}

		public void setHeartbeatInterval(Duration heartbeatInterval) {
			this.heartbeatInterval = heartbeatInterval;
		}

	}

	/**
	 * Budgets of the data the cluster keeps in the memory of every voter. They travel with this node's writes, so that
	 * every voter applies the same ones to them.
	 */
	public static class Kv {

		/**
		 * Most bytes of keys and values the key-value store holds (configuration documents, registrations and group
		 * members are keys too); a write from this node past it fails with QuotaExceededException (HTTP 429 through
		 * the sidecar). Keep it well below the voters' heap. At least 1MB.
		 */
		private DataSize maxBytes = DataSize.ofMegabytes(64);

		/**
		 * Most bytes of keys and values the change history for watches keeps; beyond it the oldest changes are dropped
		 * (a watch resuming before them is told the history is compacted). At least 1MB.
		 */
		private DataSize historyMaxBytes = DataSize.ofMegabytes(16);

		public DataSize getMaxBytes() {
			return this.maxBytes;
		}

		public void setMaxBytes(DataSize maxBytes) {
			this.maxBytes = maxBytes;
		}

		public DataSize getHistoryMaxBytes() {
			return this.historyMaxBytes;
		}

		public void setHistoryMaxBytes(DataSize historyMaxBytes) {
			this.historyMaxBytes = historyMaxBytes;
		}

	}

	/**
	 * Deadlock handling.
	 */
	public static class Deadlock {

		/**
		 * Whether a lock wait that would close a deadlock cycle fails with DeadlockDetectedException. Cycles are
		 * always reported.
		 */
		private boolean failWaiter;

		public boolean isFailWaiter() {
			return this.failWaiter;
		}

		public void setFailWaiter(boolean failWaiter) {
			this.failWaiter = failWaiter;
		}

	}

}
