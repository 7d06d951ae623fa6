package io.coordination.autoconfigure.lock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;

import io.coordination.Coordination;
import io.coordination.autoconfigure.CoordinationAutoConfiguration;

/**
 * {@code @DistributedLock}: an advisor applied by Spring's auto-proxying, no AspectJ weaving; in a web application,
 * a lock not acquired answers 409 with a problem body.
 */
@AutoConfiguration(after = CoordinationAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = { "coordination.enabled", "coordination.lock.enabled" }, matchIfMissing = true)
@EnableConfigurationProperties(DistributedLockProperties.class)
public final class DistributedLockAutoConfiguration {

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	@ConditionalOnMissingBean
	static DistributedLockAdvisor distributedLockAdvisor(ObjectProvider<Coordination> coordination,
			Environment environment) {
		// bound here rather than injected: an advisor is created early, and would take the properties bean with it
		DistributedLockProperties settings = Binder.get(environment)
			.bindOrCreate("coordination.lock", DistributedLockProperties.class);
		return new DistributedLockAdvisor(new DistributedLockInterceptor(coordination, settings), settings.getOrder());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication
	@ConditionalOnClass(name = "org.springframework.http.ProblemDetail")
	static class WebConfiguration {

		@Bean
		@ConditionalOnMissingBean
		LockNotAcquiredProblemHandler lockNotAcquiredProblemHandler() {
			return new LockNotAcquiredProblemHandler();
		}

	}

}
