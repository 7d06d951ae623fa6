package io.coordination.autoconfigure.election;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;

import io.coordination.Coordination;
import io.coordination.autoconfigure.CoordinationAutoConfiguration;

/**
 * Leader election: the {@link LeadershipCoordinator}, {@code @LeaderOnly}, and the bridge to Spring Integration's
 * leader events when that library is present.
 */
@AutoConfiguration(after = CoordinationAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = { "coordination.enabled", "coordination.leader.enabled" }, matchIfMissing = true)
@EnableConfigurationProperties(LeaderProperties.class)
public final class LeaderAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LeadershipCoordinator leadershipCoordinator(ObjectProvider<Coordination> coordination,
			ApplicationEventPublisher events, LeaderProperties properties, Environment environment) {
		String group = (properties.getGroup() != null) ? properties.getGroup()
				: environment.getProperty("spring.application.name", "application");
		LeadershipCoordinator coordinator = new LeadershipCoordinator(coordination, events, group,
				properties.getCandidateId());
		properties.getGroups().forEach(coordinator::register);
		return coordinator;
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	@ConditionalOnMissingBean
	static LeaderOnlyAdvisor leaderOnlyAdvisor(ObjectProvider<LeadershipCoordinator> coordinator,
			Environment environment) {
		// bound here rather than injected: an advisor is created early, and would take the properties bean with it
		LeaderProperties settings = Binder.get(environment).bindOrCreate("coordination.leader", LeaderProperties.class);
		return new LeaderOnlyAdvisor(new LeaderOnlyInterceptor(coordinator), settings.getOrder());
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static LeaderOnlyGroups leaderOnlyGroups(ObjectProvider<LeadershipCoordinator> coordinator) {
		return new LeaderOnlyGroups(coordinator);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.integration.leader.event.DefaultLeaderEventPublisher")
	static class IntegrationBridgeConfiguration {

		@Bean
		IntegrationLeadershipBridge integrationLeadershipBridge(ApplicationEventPublisher events,
				LeadershipCoordinator leadership) {
			return new IntegrationLeadershipBridge(events, leadership);
		}

	}

}
