package io.coordination.autoconfigure.config;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.context.scope.refresh.RefreshScope;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

import io.coordination.Coordination;
import io.coordination.autoconfigure.CoordinationAutoConfiguration;

/**
 * Live updates of configuration imported with {@code spring.config.import=coordination:}: through Spring Cloud
 * Context when it is on the classpath (rebinding and {@code @RefreshScope}), otherwise by binding
 * {@code @ConfigurationProperties} beans again with Spring Boot's binder.
 */
@AutoConfiguration(after = CoordinationAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = { "coordination.enabled", "coordination.config.watch" }, matchIfMissing = true)
@EnableConfigurationProperties(ConfigImportProperties.class)
public final class CoordinationConfigAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CoordinationConfigWatcher coordinationConfigWatcher(ConfigurableEnvironment environment,
			ObjectProvider<Coordination> coordination, ConfigImportProperties settings,
			ObjectProvider<ConfigRefresher> refreshers, ApplicationEventPublisher events) {
		return new CoordinationConfigWatcher(environment, coordination, settings, refreshers, events);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.cloud.context.environment.EnvironmentChangeEvent")
	static class SpringCloudRefreshConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ConfigRefresher springCloudConfigRefresher(ApplicationEventPublisher events,
				ObjectProvider<RefreshScope> refreshScope) {
			return new SpringCloudConfigRefresher(events, refreshScope);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.springframework.cloud.context.environment.EnvironmentChangeEvent")
	static class BinderRefreshConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ConfigRefresher binderConfigRefresher(ConfigurableApplicationContext context) {
			return new BinderConfigRefresher(context);
		}

	}

}
