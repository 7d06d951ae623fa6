package io.coordination.autoconfigure.actuate;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.coordination.Coordination;
import io.coordination.autoconfigure.CoordinationAutoConfiguration;

/**
 * The {@code coordination} actuator endpoint, health indicator and info contributor.
 */
@AutoConfiguration(after = CoordinationAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
@ConditionalOnBooleanProperty(name = "coordination.enabled", matchIfMissing = true)
@ConditionalOnBean(Coordination.class)
public final class CoordinationActuatorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	CoordinationEndpoint coordinationEndpoint(Coordination coordination) {
		return new CoordinationEndpoint(coordination);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
	CoordinationEndpointWebExtension coordinationEndpointWebExtension(CoordinationEndpoint endpoint) {
		return new CoordinationEndpointWebExtension(endpoint);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "management.info.coordination.enabled", matchIfMissing = true)
	CoordinationInfoContributor coordinationInfoContributor(Coordination coordination) {
		return new CoordinationInfoContributor(coordination);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "coordinationHealthIndicator")
		@ConditionalOnEnabledHealthIndicator("coordination")
		CoordinationHealthIndicator coordinationHealthIndicator(Coordination coordination) {
			return new CoordinationHealthIndicator(coordination);
		}

	}

}
