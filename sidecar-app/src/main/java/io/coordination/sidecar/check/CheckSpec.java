package io.coordination.sidecar.check;

import java.time.Duration;

/**
 * A health check of the application the agent serves, declared in properties
 * ({@code coordination.sidecar.checks.<id>.*}) or registered through {@code PUT /v1/checks/{id}}.
 */
public class CheckSpec {

	/**
	 * Kind of check: "http" (GET of a URL: 2xx passing, 429 warning, else critical), "tcp" (a connection to
	 * host:port) or "ttl" (the application reports within the TTL).
	 */
	private CheckType type;

	/**
	 * URL of an "http" check, for example http://127.0.0.1:8080/actuator/health.
	 */
	private String url;

	/**
	 * host:port of a "tcp" check.
	 */
	private String address;

	/**
	 * How often an active check runs.
	 */
	private Duration interval = Duration.ofSeconds(10);

	/**
	 * Longest wait for an active check's answer.
	 */
	private Duration timeout = Duration.ofSeconds(5);

	/**
	 * TTL of a "ttl" check: critical when the application has not reported for this long.
	 */
	private Duration ttl = Duration.ofSeconds(30);

	/**
	 * Service of the registered instance whose health this check sets (optional).
	 */
	private String service;

	/**
	 * Registered instance whose health this check sets (optional).
	 */
	private String instanceId;

	/**
	 * The instance is deregistered once this check has been critical this long. Empty: never.
	 */
	private Duration deregisterCriticalAfter;

	public CheckType getType() {
		return this.type;
	}

	public void setType(CheckType type) {
		this.type = type;
	}

	public String getUrl() {
		return this.url;
	}

	public void setUrl(String url) {
		this.url = url;
	}

	public String getAddress() {
		return this.address;
	}

	public void setAddress(String address) {
		this.address = address;
	}

	public Duration getInterval() {
		return this.interval;
	}

	public void setInterval(Duration interval) {
		this.interval = interval;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Duration getTtl() {
		return this.ttl;
	}

	public void setTtl(Duration ttl) {
		this.ttl = ttl;
	}

	public String getService() {
		return this.service;
	}

	public void setService(String service) {
		this.service = service;
	}

	public String getInstanceId() {
		return this.instanceId;
	}

	public void setInstanceId(String instanceId) {
		this.instanceId = instanceId;
	}

	public Duration getDeregisterCriticalAfter() {
		return this.deregisterCriticalAfter;
	}

	public void setDeregisterCriticalAfter(Duration deregisterCriticalAfter) {
		this.deregisterCriticalAfter = deregisterCriticalAfter;
	}

	/**
	 * Kinds of check.
	 */
	public enum CheckType {

		/** GET of a URL. */
		HTTP,

		/** A TCP connection. */
		TCP,

		/** Reported by the application. */
		TTL

	}

}
