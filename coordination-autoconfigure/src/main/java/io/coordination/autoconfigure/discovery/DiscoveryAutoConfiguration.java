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
					environment.getProperty("spring.application.name", "application"), healthPath(environment),
					separateManagementServer(environment));
		}

		static boolean separateManagementServer(Environment environment) {
			Integer management = environment.getProperty("management.server.port", Integer.class);
			return management != null && management >= 0
					&& !management.equals(environment.getProperty("server.port", Integer.class, 8080));
		}

		/**
		 * Where the actuator serves health: its base path and the health mapping, under the management server's base
		 * path when it has its own port, else under the servlet context path.
		 */
		static String healthPath(Environment environment) {
			String prefix = separateManagementServer(environment)
					? environment.getProperty("management.server.base-path", "")
					: environment.getProperty("server.servlet.context-path", "");
			String base = environment.getProperty("management.endpoints.web.base-path", "/actuator");
			String health = environment.getProperty("management.endpoints.web.path-mapping.health", "health");
			String path = ("/" + prefix + "/" + base + "/" + health).replaceAll("/+", "/");
			return (path.length() > 1 && path.endsWith("/")) ? path.substring(0, path.length() - 1) : path;
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
