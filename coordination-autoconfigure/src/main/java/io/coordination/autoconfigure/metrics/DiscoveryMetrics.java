package io.coordination.autoconfigure.metrics;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;

import io.coordination.discovery.HealthStatus;
import io.coordination.discovery.ServiceRegistry;

/**
 * {@code coordination.discovery.instances} (tags {@code service}, {@code status}): instances of the service this
 * application registers as, kept current by a watch so that a scrape never waits for the cluster.
 */
class DiscoveryMetrics implements MeterBinder, DisposableBean {

	private final ObjectProvider<ServiceRegistry> registry;

	private final String service;

	private final AtomicInteger[] counts = new AtomicInteger[HealthStatus.values().length];

	private AutoCloseable watch;

	DiscoveryMetrics(ObjectProvider<ServiceRegistry> registry, String service) {
		this.registry = registry;
		this.service = service;
	}

	@Override
	public void bindTo(MeterRegistry meters) {
		for (HealthStatus status : HealthStatus.values()) {
			AtomicInteger count = new AtomicInteger();
			this.counts[status.ordinal()] = count;
			Gauge.builder("coordination.discovery.instances", count, AtomicInteger::get)
				.description("Registered instances of this application's service, by health")
				.tags("service", this.service, "status", status.name().toLowerCase(java.util.Locale.ROOT))
				.register(meters);
		}
		this.watch = this.registry.getObject().watch(this.service, (name, instances) -> {
			for (HealthStatus status : HealthStatus.values()) {
				this.counts[status.ordinal()]
					.set((int) instances.stream().filter((instance) -> instance.status() == status).count());
			}
		});
	}

	@Override
	public void destroy() throws Exception {
		if (this.watch != null) {
			this.watch.close();
		}
	}

}
