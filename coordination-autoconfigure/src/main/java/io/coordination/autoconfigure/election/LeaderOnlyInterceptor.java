package io.coordination.autoconfigure.election;

import java.lang.reflect.Method;
import java.util.Optional;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;

import io.coordination.annotation.LeaderContext;
import io.coordination.annotation.LeaderOnly;
import io.coordination.annotation.LockContext;
import io.coordination.autoconfigure.lock.Skipping;
import io.coordination.election.Leadership;

/**
 * Runs {@code @LeaderOnly} methods only while this instance leads their group, checked at every invocation.
 */
public final class LeaderOnlyInterceptor implements MethodInterceptor {

	private final ObjectProvider<LeadershipCoordinator> coordinator;

	/**
	 * Creates the interceptor.
	 * @param coordinator the leadership coordinator, resolved at the first invocation
	 */
	public LeaderOnlyInterceptor(ObjectProvider<LeadershipCoordinator> coordinator) {
		this.coordinator = coordinator;
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		Object target = invocation.getThis();
		Method method = (target != null) ? AopUtils.getMostSpecificMethod(invocation.getMethod(), target.getClass())
				: invocation.getMethod();
		LeaderOnly annotation = findAnnotation(method, target);
		if (annotation == null) {
			return invocation.proceed();
		}
		Class<?> returnType = method.getReturnType();
		if (annotation.onNotLeader() == LeaderOnly.OnNotLeader.SKIP && !Skipping.allowed(returnType)) {
			throw new IllegalStateException("@LeaderOnly(onNotLeader = SKIP) on " + method
					+ " needs a void, Optional or CompletionStage return type, not " + returnType.getSimpleName());
		}
		LeadershipCoordinator leadership = this.coordinator.getObject();
		String group = annotation.group().isEmpty() ? leadership.defaultGroup() : annotation.group();
		Optional<Leadership> current = leadership.currentLeadership(group);
		if (current.isEmpty()) {
			if (annotation.onNotLeader() == LeaderOnly.OnNotLeader.THROW) {
				throw new NotLeaderException(group);
			}
			return Skipping.valueFor(returnType);
		}
		try (LockContext.Scope scope = LeaderContext.open(current.get())) {
			return invocation.proceed();
		}
	}

	static LeaderOnly findAnnotation(Method method, Object target) {
		LeaderOnly annotation = AnnotatedElementUtils.findMergedAnnotation(method, LeaderOnly.class);
		if (annotation == null && target != null) {
			annotation = AnnotatedElementUtils.findMergedAnnotation(target.getClass(), LeaderOnly.class);
		}
		return annotation;
	}

}
