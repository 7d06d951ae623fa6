package io.coordination.autoconfigure.config;

import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.cloud.context.scope.refresh.RefreshScope;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Uses Spring Cloud Context: its {@code EnvironmentChangeEvent} makes the {@code ConfigurationPropertiesRebinder}
 * rebind {@code @ConfigurationProperties} beans, and {@code @RefreshScope} beans are re-created.
 */
final class SpringCloudConfigRefresher implements ConfigRefresher {

	private final ApplicationEventPublisher events;

	private final ObjectProvider<RefreshScope> refreshScope;

	SpringCloudConfigRefresher(ApplicationEventPublisher events, ObjectProvider<RefreshScope> refreshScope) {
		this.events = events;
		this.refreshScope = refreshScope;
	}

	@Override
	public void refresh(Set<String> changedKeys) {
		this.events.publishEvent(new EnvironmentChangeEvent(changedKeys));
		this.refreshScope.ifAvailable(RefreshScope::refreshAll);
	}

}
