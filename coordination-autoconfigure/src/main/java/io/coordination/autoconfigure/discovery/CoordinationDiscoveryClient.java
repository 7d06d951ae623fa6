package io.coordination.autoconfigure.discovery;

import java.util.List;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

import io.coordination.discovery.ServiceRegistry;

/**
 * Spring Cloud's {@code DiscoveryClient} over the coordination service registry: healthy (PASSING) instances only,
 * so that {@code @LoadBalanced} clients never pick an instance whose check fails.
 */
public class CoordinationDiscoveryClient implements DiscoveryClient {

	private final ServiceRegistry registry;

	/**
	 * Creates the client.
	 * @param registry the registry
	 */
	public CoordinationDiscoveryClient(ServiceRegistry registry) {
		this.registry = registry;
	}

	@Override
	public String description() {
		return "Coordination service registry";
	}

	@Override
	public List<ServiceInstance> getInstances(String serviceId) {
		return this.registry.healthyInstances(serviceId).stream().map(CoordinationDiscoveryClient::toCloud).toList();
	}

	@Override
	public List<String> getServices() {
		return this.registry.services();
	}

	static ServiceInstance toCloud(io.coordination.discovery.ServiceInstance instance) {
		boolean secure = "true".equals(instance.metadata().get("secure"));
		return new DefaultServiceInstance(instance.instanceId(), instance.service(), instance.host(), instance.port(),
				secure, instance.metadata());
	}

}
