package io.coordination.autoconfigure.discovery;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import io.coordination.discovery.ServiceRegistry;

/**
 * Spring Cloud's {@code ReactiveDiscoveryClient} over the coordination service registry; the blocking reads run on
 * Reactor's bounded-elastic scheduler.
 */
public class CoordinationReactiveDiscoveryClient implements ReactiveDiscoveryClient {

	private final ServiceRegistry registry;

	/**
	 * Creates the client.
	 * @param registry the registry
	 */
	public CoordinationReactiveDiscoveryClient(ServiceRegistry registry) {
		this.registry = registry;
	}

	@Override
	public String description() {
		return "Coordination service registry (reactive)";
	}

	@Override
	public Flux<ServiceInstance> getInstances(String serviceId) {
		return Flux.defer(() -> Flux.fromIterable(this.registry.healthyInstances(serviceId)))
			.map(CoordinationDiscoveryClient::toCloud)
			.subscribeOn(Schedulers.boundedElastic());
	}

	@Override
	public Flux<String> getServices() {
		return Flux.defer(() -> Flux.fromIterable(this.registry.services())).subscribeOn(Schedulers.boundedElastic());
	}

}
