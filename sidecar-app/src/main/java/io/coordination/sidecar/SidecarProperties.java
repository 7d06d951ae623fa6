package io.coordination.sidecar;

import java.time.Duration;
import java.util.LinkedHashMap;
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
