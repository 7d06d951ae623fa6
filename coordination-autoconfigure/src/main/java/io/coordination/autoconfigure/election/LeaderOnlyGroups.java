package io.coordination.autoconfigure.election;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;

import io.coordination.annotation.LeaderOnly;

/**
 * Finds the groups named by {@code @LeaderOnly} methods of each bean, so that the application joins them at start-up
 * rather than at the first invocation.
 */
final class LeaderOnlyGroups implements BeanPostProcessor {

	private final ObjectProvider<LeadershipCoordinator> coordinator;

	LeaderOnlyGroups(ObjectProvider<LeadershipCoordinator> coordinator) {
		this.coordinator = coordinator;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Class<?> type = AopUtils.getTargetClass(bean);
		LeaderOnly onType = AnnotatedElementUtils.findMergedAnnotation(type, LeaderOnly.class);
		if (onType != null) {
			register(onType);
		}
		ReflectionUtils.doWithMethods(type, (method) -> {
			LeaderOnly annotation = AnnotatedElementUtils.findMergedAnnotation(method, LeaderOnly.class);
			if (annotation != null) {
				register(annotation);
			}
		});
		return bean;
	}

	private void register(LeaderOnly annotation) {
		LeadershipCoordinator leadership = this.coordinator.getObject();
		leadership.register(annotation.group().isEmpty() ? leadership.defaultGroup() : annotation.group());
	}

}
