package io.coordination.discovery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an instance registers.
 *
 * @param service service name
 * @param instanceId instance id, unique within the service
 * @param host host clients connect to
 * @param port port clients connect to
 * @param metadata key/value data
 * @param tags tags
 * @param zone availability zone, or {@code null}
 * @param ttl for a passive (TTL) check: the instance turns CRITICAL unless it heartbeats within this time; or
 * {@code null}
 * @param deregisterCriticalAfter remove the instance once it has been CRITICAL this long; or {@code null}
 * @param ephemeral whether the instance is bound to the registering session and removed when it ends
 */
public record ServiceRegistration(String service, String instanceId, String host, int port,
		Map<String, String> metadata, List<String> tags, String zone, Duration ttl, Duration deregisterCriticalAfter,
		boolean ephemeral) {

	/**
	 * Validates and copies the components.
	 * @param service service
	 * @param instanceId instance id
	 * @param host host
	 * @param port port
	 * @param metadata metadata
	 * @param tags tags
	 * @param zone zone
	 * @param ttl TTL
	 * @param deregisterCriticalAfter deregistration delay
	 * @param ephemeral session-bound
	 */
	public ServiceRegistration {
		Objects.requireNonNull(service, "service");
		Objects.requireNonNull(instanceId, "instanceId");
		Objects.requireNonNull(host, "host");
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
		}
		metadata = Map.copyOf(metadata);
		tags = List.copyOf(tags);
		requirePositive("ttl", ttl);
		requirePositive("deregisterCriticalAfter", deregisterCriticalAfter);
	}

	private static void requirePositive(String what, Duration duration) {
		if (duration != null && (duration.isNegative() || duration.isZero())) {
			throw new IllegalArgumentException(what + " must be positive: " + duration);
		}
	}

	/**
	 * An ephemeral registration (removed when the registering session ends) without metadata or checks.
	 * @param service service
	 * @param instanceId instance id
	 * @param host host
	 * @param port port
	 * @return the registration
	 */
	public static ServiceRegistration of(String service, String instanceId, String host, int port) {
		return new ServiceRegistration(service, instanceId, host, port, Map.of(), List.of(), null, null, null, true);
	}

	/**
	 * With metadata.
	 * @param metadata the metadata
	 * @return a copy
	 */
	public ServiceRegistration withMetadata(Map<String, String> metadata) {
		return new ServiceRegistration(this.service, this.instanceId, this.host, this.port, metadata, this.tags,
				this.zone, this.ttl, this.deregisterCriticalAfter, this.ephemeral);
	}

	/**
	 * With tags and zone.
	 * @param tags the tags
	 * @param zone the zone
	 * @return a copy
	 */
	public ServiceRegistration withTags(List<String> tags, String zone) {
		return new ServiceRegistration(this.service, this.instanceId, this.host, this.port, this.metadata, tags, zone,
				this.ttl, this.deregisterCriticalAfter, this.ephemeral);
	}

	/**
	 * With a passive TTL check and deregistration of critical instances.
	 * @param ttl heartbeat deadline, or {@code null}
	 * @param deregisterCriticalAfter deregistration delay, or {@code null}
	 * @return a copy
	 */
	public ServiceRegistration withChecks(Duration ttl, Duration deregisterCriticalAfter) {
		return new ServiceRegistration(this.service, this.instanceId, this.host, this.port, this.metadata, this.tags,
				this.zone, ttl, deregisterCriticalAfter, this.ephemeral);
	}

	/**
	 * Kept after the registering session ends (then removed only by deregistration or its checks).
	 * @return a copy
	 */
	public ServiceRegistration durable() {
		return new ServiceRegistration(this.service, this.instanceId, this.host, this.port, this.metadata, this.tags,
				this.zone, this.ttl, this.deregisterCriticalAfter, false);
	}

}
