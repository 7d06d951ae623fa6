package io.coordination.sidecar;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import io.coordination.sidecar.check.CheckSpec;

/**
 * The sidecar's own settings; the node is configured by the {@code coordination.*} properties of the starter.
 */
@ConfigurationProperties("coordination.sidecar")
public class SidecarProperties {

	/**
	 * Role of this sidecar: "server" (a Raft voter of the ensemble) or "agent" (a client member beside one
	 * application).
	 */
	private Role role = Role.SERVER;

	/**
	 * TTL of an application session that asks for none.
	 */
	private Duration defaultSessionTtl = Duration.ofSeconds(15);

	/**
	 * Longest TTL an application session may ask for.
	 */
	private Duration maxSessionTtl = Duration.ofHours(1);

	/**
	 * Longest wait a request may ask for (acquisitions, barriers, blocking queries).
	 */
	private Duration maxWait = Duration.ofMinutes(10);

	/**
	 * How long an expired or destroyed session id is remembered, so that late requests are told it expired.
	 */
	private Duration expiredSessionMemory = Duration.ofMinutes(10);

	/**
	 * Longest wait for the cluster to open an application session; without a quorum the request fails with 503
	 * after it.
	 */
	private Duration sessionOpenTimeout = Duration.ofSeconds(10);

	/**
	 * Largest request body of the JSON API (key-value values have their own limit of 256 KiB).
	 */
	private DataSize maxRequestSize = DataSize.ofMegabytes(4);

	/**
	 * Health checks of the application, by id, run from start-up.
	 */
	private final Map<String, CheckSpec> checks = new LinkedHashMap<>();

	/**
	 * Hosts HTTP and TCP checks may probe, besides loopback and this host's own addresses: IP addresses, CIDR ranges
	 * ("10.0.0.0/8") or host names (matched by the addresses they resolve to when the check runs).
	 */
	private List<String> checkTargets = new ArrayList<>();

	private final Limits limits = new Limits();

	public List<String> getCheckTargets() {
		return this.checkTargets;
	}

	public void setCheckTargets(List<String> checkTargets) {
		this.checkTargets = checkTargets;
	}

	public Limits getLimits() {
		return this.limits;
	}

	public Duration getSessionOpenTimeout() {
		return this.sessionOpenTimeout;
	}

	public void setSessionOpenTimeout(Duration sessionOpenTimeout) {
		this.sessionOpenTimeout = sessionOpenTimeout;
	}

	public DataSize getMaxRequestSize() {
		return this.maxRequestSize;
	}

	public void setMaxRequestSize(DataSize maxRequestSize) {
		this.maxRequestSize = maxRequestSize;
	}

	public Map<String, CheckSpec> getChecks() {
		return this.checks;
	}

	public Role getRole() {
		return this.role;
	}

	public void setRole(Role role) {
		this.role = role;
	}

	public Duration getDefaultSessionTtl() {
		return this.defaultSessionTtl;
	}

	public void setDefaultSessionTtl(Duration defaultSessionTtl) {
		this.defaultSessionTtl = defaultSessionTtl;
	}

	public Duration getMaxSessionTtl() {
		return this.maxSessionTtl;
	}

	public void setMaxSessionTtl(Duration maxSessionTtl) {
		this.maxSessionTtl = maxSessionTtl;
	}

	public Duration getMaxWait() {
		return this.maxWait;
	}

	public void setMaxWait(Duration maxWait) {
		this.maxWait = maxWait;
	}

	public Duration getExpiredSessionMemory() {
		return this.expiredSessionMemory;
	}

	public void setExpiredSessionMemory(Duration expiredSessionMemory) {
		this.expiredSessionMemory = expiredSessionMemory;
	}

	/**
	 * What one caller, and all of them, may hold of this sidecar at once. A request beyond a limit is refused with
	 * 429 and a problem naming the limit.
	 */
	public static class Limits {

		/**
		 * Most health checks this sidecar runs (declared in properties or registered over the API).
		 */
		private int maxChecks = 64;

		/**
		 * Shortest interval of an HTTP or TCP check, and shortest TTL of a TTL check.
		 */
		private Duration minCheckInterval = Duration.ofSeconds(1);

		/**
		 * Most event streams (SSE) one token keeps open at once.
		 */
		private int streamsPerToken = 64;

		/**
		 * Most event streams open at once, all tokens together (each may queue stream-buffer bytes).
		 */
		private int maxStreams = 256;

		/**
		 * Most requests of one token waiting at once (acquisitions with a wait, barriers, blocking queries).
		 */
		private int waitsPerToken = 64;

		/**
		 * Most requests waiting at once, all tokens together; keep it well below server.tomcat.threads.max, whose
		 * threads they hold.
		 */
		private int maxWaits = 200;

		/**
		 * Most bytes of events queued for one event stream whose client reads slowly; beyond it the stream is ended
		 * (the client resumes from its last event id).
		 */
		private DataSize streamBuffer = DataSize.ofMegabytes(1);

		public int getMaxChecks() {
			return this.maxChecks;
		}

		public void setMaxChecks(int maxChecks) {
			this.maxChecks = maxChecks;
		}

		public Duration getMinCheckInterval() {
			return this.minCheckInterval;
		}

		public void setMinCheckInterval(Duration minCheckInterval) {
			this.minCheckInterval = minCheckInterval;
		}

		public int getStreamsPerToken() {
			return this.streamsPerToken;
		}

		public void setStreamsPerToken(int streamsPerToken) {
			this.streamsPerToken = streamsPerToken;
		}

		public int getMaxStreams() {
			return this.maxStreams;
		}

		public void setMaxStreams(int maxStreams) {
			this.maxStreams = maxStreams;
		}

		public int getWaitsPerToken() {
			return this.waitsPerToken;
		}

		public void setWaitsPerToken(int waitsPerToken) {
			this.waitsPerToken = waitsPerToken;
		}

		public int getMaxWaits() {
			return this.maxWaits;
		}

		public void setMaxWaits(int maxWaits) {
			this.maxWaits = maxWaits;
		}

		public DataSize getStreamBuffer() {
			return this.streamBuffer;
		}

		public void setStreamBuffer(DataSize streamBuffer) {
			this.streamBuffer = streamBuffer;
		}

	}

	/**
	 * Roles of a sidecar.
	 */
	public enum Role {

		/**
		 * A Raft voter: its own address is in {@code coordination.cluster.members} (or no members are listed: a
		 * single-node cluster).
		 */
		SERVER,

		/**
		 * A client member of the listed voters, serving one application on loopback.
		 */
		AGENT

	}

}
