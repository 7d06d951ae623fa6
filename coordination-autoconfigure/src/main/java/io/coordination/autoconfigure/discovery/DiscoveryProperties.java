package io.coordination.autoconfigure.discovery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Registration of this application in the service registry, its health check, and the Spring Cloud discovery client.
 */
@ConfigurationProperties("coordination.discovery")
public class DiscoveryProperties {

	/**
	 * Whether service discovery is enabled (registration and discovery clients).
	 */
	private boolean enabled = true;

	/**
	 * Whether this application registers itself when it starts, and deregisters when it shuts down.
	 */
	private boolean register = true;

	/**
	 * Service name. Default: the application name.
	 */
	private String serviceName;

	/**
	 * Instance id, unique within the service. Default: the service name, host and port.
	 */
	private String instanceId;

	/**
	 * Host clients connect to. Default: this machine's address.
	 */
	private String host;

	/**
	 * Port clients connect to. Default: the web server's port.
	 */
	private Integer port;

	/**
	 * Metadata published with the instance.
	 */
	private Map<String, String> metadata = new LinkedHashMap<>();

	/**
	 * Tags published with the instance.
	 */
	private List<String> tags = new ArrayList<>();

	/**
	 * Availability zone of the instance.
	 */
	private String zone;

	/**
	 * Whether the registration is bound to this application's session, so that it disappears when the process dies.
	 */
	private boolean ephemeral = true;

	private final Check check = new Check();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isRegister() {
		return this.register;
	}

	public void setRegister(boolean register) {
		this.register = register;
	}

	public String getServiceName() {
		return this.serviceName;
	}

	public void setServiceName(String serviceName) {
		this.serviceName = serviceName;
	}

	public String getInstanceId() {
		return this.instanceId;
	}

	public void setInstanceId(String instanceId) {
		this.instanceId = instanceId;
	}

	public String getHost() {
		return this.host;
	}

	public void setHost(String host) {
		this.host = host;
	}

	public Integer getPort() {
		return this.port;
	}

	public void setPort(Integer port) {
		this.port = port;
	}

	public Map<String, String> getMetadata() {
		return this.metadata;
	}

	public void setMetadata(Map<String, String> metadata) {
		this.metadata = metadata;
	}

	public List<String> getTags() {
		return this.tags;
	}

	public void setTags(List<String> tags) {
		this.tags = tags;
	}

	public String getZone() {
		return this.zone;
	}

	public void setZone(String zone) {
		this.zone = zone;
	}

	public boolean isEphemeral() {
		return this.ephemeral;
	}

	public void setEphemeral(boolean ephemeral) {
		this.ephemeral = ephemeral;
	}

	public Check getCheck() {
		return this.check;
	}

	/**
	 * The health check of the registered instance.
	 */
	public static class Check {

		/**
		 * Kind of check: "ttl" (this application heartbeats), "http" (this application probes its own health URL),
		 * or "none".
		 */
		private Type type = Type.TTL;

		/**
		 * How often the check runs (heartbeats are sent three times per TTL).
		 */
		private Duration interval = Duration.ofSeconds(10);

		/**
		 * TTL of a "ttl" check: the instance turns critical without a heartbeat for this long.
		 */
		private Duration ttl = Duration.ofSeconds(30);

		/**
		 * Path an "http" check requests on the instance (on loopback): 2xx is passing, 429 warning, anything else
		 * critical. Default: the actuator health endpoint, on the management port when it has its own.
		 */
		private String path;

		/**
		 * Longest wait for an "http" check's answer.
		 */
		private Duration timeout = Duration.ofSeconds(5);

		/**
		 * The instance is removed once it has been critical this long. Empty: never.
		 */
		private Duration deregisterCriticalAfter = Duration.ofMinutes(1);

		public Type getType() {
			return this.type;
		}

		public void setType(Type type) {
			this.type = type;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
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
		public enum Type {

			/** Passive: this application sends heartbeats. */
			TTL,

			/** Active: this application probes its own health endpoint and reports the result. */
			HTTP,

			/** No check: the instance stays passing while registered. */
			NONE

		}

	}

}
