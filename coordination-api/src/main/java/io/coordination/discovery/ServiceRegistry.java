package io.coordination.discovery;

import java.util.List;

/**
 * Service registry with health. Instances are ephemeral (removed when the registering session ends, for example
 * when the process dies) or durable; either may have a passive TTL check (heartbeats) and be removed after being
 * CRITICAL for a while. Active checks (HTTP, TCP probes) run in the sidecar agent or the starter and report through
 * {@link #reportHealth}.
 */
public interface ServiceRegistry {

	/**
	 * Registers (or re-registers, replacing) an instance.
	 * @param registration what to register
	 * @return a handle to heartbeat, report health and deregister
	 */
	RegisteredInstance register(ServiceRegistration registration);

	/**
	 * Passes an instance's TTL check.
	 * @param service service
	 * @param instanceId instance id
	 * @return whether the instance is registered
	 */
	boolean heartbeat(String service, String instanceId);

	/**
	 * Reports the result of a check of an instance.
	 * @param service service
	 * @param instanceId instance id
	 * @param status health
	 * @param output what the check said
	 * @return whether the instance is registered
	 */
	boolean reportHealth(String service, String instanceId, HealthStatus status, String output);

	/**
	 * Removes an instance.
	 * @param service service
	 * @param instanceId instance id
	 * @return whether it was registered
	 */
	boolean deregister(String service, String instanceId);

	/**
	 * Every instance of a service, healthy or not, by instance id.
	 * @param service the service
	 * @return the instances
	 */
	List<ServiceInstance> instances(String service);

	/**
	 * The PASSING instances of a service.
	 * @param service the service
	 * @return the instances
	 */
	List<ServiceInstance> healthyInstances(String service);

	/**
	 * Names of services with at least one instance.
	 * @return the names, sorted
	 */
	List<String> services();

	/**
	 * Watches one service, or every service if {@code service} is {@code null}. The listener first receives the
	 * current instances of each watched service that has some.
	 * @param service the service, or {@code null} for all
	 * @param listener receives the changes
	 * @return the watch; close it to stop
	 */
	AutoCloseable watch(String service, ServiceListener listener);

}
