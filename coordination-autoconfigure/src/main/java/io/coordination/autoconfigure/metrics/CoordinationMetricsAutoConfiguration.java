package io.coordination.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;

import io.coordination.Coordination;
import io.coordination.autoconfigure.discovery.DiscoveryAutoConfiguration;
import io.coordination.autoconfigure.election.LeaderAutoConfiguration;
import io.coordination.autoconfigure.election.LeadershipCoordinator;
import io.coordination.autoconfigure.CoordinationAutoConfiguration;
import io.coordination.autoconfigure.discovery.AutoRegistration;
import io.coordination.discovery.ServiceRegistry;

/**
 * Micrometer meters of the coordination node, locks, elections, configuration and discovery.
 */
@AutoConfiguration(after = { CoordinationAutoConfiguration.class, DiscoveryAutoConfiguration.class,
		LeaderAutoConfiguration.class })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = { "coordination.enabled", "coordination.metrics.enabled" }, matchIfMissing = true)
public final class CoordinationMetricsAutoConfiguration {

	@Bean
	static LockGauge coordinationLockGauge() {
		return new LockGauge();
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static InstrumentingPostProcessor coordinationInstrumentingPostProcessor(ObjectProvider<MeterRegistry> registry,
			ObjectProvider<LockGauge> locks) {
		return new InstrumentingPostProcessor(registry, locks);
	}

	@Bean
	@ConditionalOnBean(Coordination.class)
	CoordinationMetrics coordinationMetrics(ObjectProvider<Coordination> coordination, LockGauge locks,
			ObjectProvider<LeadershipCoordinator> leadership) {
		return new CoordinationMetrics(coordination, locks, leadership);
	}

	@Bean
	@ConditionalOnBean(AutoRegistration.class)
	DiscoveryMetrics coordinationDiscoveryMetrics(ObjectProvider<ServiceRegistry> registry, Environment environment) {
		String service = environment.getProperty("coordination.discovery.service-name",
				environment.getProperty("spring.application.name", "application"));
		return new DiscoveryMetrics(registry, service);
	}

}
