package io.coordination.autoconfigure.discovery;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.coordination.Coordination;
import io.coordination.autoconfigure.CoordinationAutoConfiguration;
import io.coordination.discovery.ServiceRegistry;

/**
 * Service discovery: registration of this application with its health check, and Spring Cloud discovery clients when
 * spring-cloud-commons is present.
 */
@AutoConfiguration(after = CoordinationAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = { "coordination.enabled", "coordination.discovery.enabled" }, matchIfMissing = true)
@EnableConfigurationProperties(DiscoveryProperties.class)
public final class DiscoveryAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "coordination.discovery.register", matchIfMissing = true)
	static class RegistrationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AutoRegistration coordinationAutoRegistration(ObjectProvider<Coordination> coordination,
				DiscoveryProperties properties, Environment environment) {
			return new AutoRegistration(coordination, properties,
					environment.getProperty("spring.application.name", "application"));
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = "org.springframework.boot.web.server.context.WebServerInitializedEvent")
		static class WebServerPortConfiguration {

			@Bean
			WebServerPorts.Listener coordinationWebServerPortListener(AutoRegistration registration) {
				return new WebServerPorts.Listener(registration);
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.cloud.client.discovery.DiscoveryClient")
	static class DiscoveryClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CoordinationDiscoveryClient coordinationDiscoveryClient(ServiceRegistry registry) {
			return new CoordinationDiscoveryClient(registry);
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = { "org.springframework.cloud.client.discovery.ReactiveDiscoveryClient",
				"reactor.core.publisher.Flux" })
		static class ReactiveDiscoveryClientConfiguration {

			@Bean
			@ConditionalOnMissingBean
			CoordinationReactiveDiscoveryClient coordinationReactiveDiscoveryClient(ServiceRegistry registry) {
				return new CoordinationReactiveDiscoveryClient(registry);
			}

		}

	}

}
