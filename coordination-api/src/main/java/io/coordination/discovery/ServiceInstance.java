package io.coordination.discovery;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A registered instance as the registry sees it.
 *
 * @param service service name
 * @param instanceId instance id
 * @param host host
 * @param port port
 * @param metadata metadata
 * @param tags tags
 * @param zone zone or {@code null}
 * @param status health
 * @param statusOutput what the last check said
 * @param statusSince when the status last changed (log time)
 * @param registeredAt when it registered (log time)
 */
public record ServiceInstance(String service, String instanceId, String host, int port, Map<String, String> metadata,
		List<String> tags, String zone, HealthStatus status, String statusOutput, Instant statusSince,
		Instant registeredAt) {

	/**
	 * Copies the collections.
	 * @param service service
	 * @param instanceId instance id
	 * @param host host
	 * @param port port
	 * @param metadata metadata
	 * @param tags tags
	 * @param zone zone
	 * @param status status
	 * @param statusOutput status output
	 * @param statusSince status time
	 * @param registeredAt registration time
	 */
	public ServiceInstance {
		metadata = Map.copyOf(metadata);
		tags = List.copyOf(tags);
	}

}
