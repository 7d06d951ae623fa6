package io.coordination.autoconfigure.lock;

import java.lang.reflect.Method;

import org.aopalliance.aop.Advice;
import org.springframework.aop.MethodMatcher;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.StaticMethodMatcher;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;

import io.coordination.annotation.DistributedLock;

/**
 * Applies {@link DistributedLockInterceptor} to methods (or types) annotated with {@code @DistributedLock}. Each
 * lock name is checked when the bean's proxy is made: a malformed template or a name that looks like an expression
 * outside {@code #{...}} fails the application's start-up, naming the method.
 */
public final class DistributedLockAdvisor extends AbstractPointcutAdvisor {

	private static final long serialVersionUID = 1L;

	// methods annotated here or on an interface they implement, and every method of an annotated class
	private final transient Pointcut annotated = new ComposablePointcut(
			new AnnotationMatchingPointcut(null, DistributedLock.class, true))
		.union(new AnnotationMatchingPointcut(DistributedLock.class, true));

	private final transient Pointcut pointcut = new ComposablePointcut(this.annotated.getClassFilter(),
			new CheckedNames(this.annotated.getMethodMatcher()));

	private final transient DistributedLockInterceptor interceptor;

	/**
	 * Creates the advisor.
	 * @param interceptor the interceptor
	 * @param order its order (lower runs outside)
	 */
	public DistributedLockAdvisor(DistributedLockInterceptor interceptor, int order) {
		this.interceptor = interceptor;
		setOrder(order);
	}

	@Override
	public Pointcut getPointcut() {
		return this.pointcut;
	}

	@Override
	public Advice getAdvice() {
		return this.interceptor;
	}

	private final class CheckedNames extends StaticMethodMatcher {

		private final MethodMatcher annotatedMethods;

		CheckedNames(MethodMatcher annotatedMethods) {
			this.annotatedMethods = annotatedMethods;
		}

		@Override
		public boolean matches(Method method, Class<?> targetClass) {
			if (!this.annotatedMethods.matches(method, targetClass)) {
				return false;
			}
			Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
			DistributedLock annotation = DistributedLockInterceptor.findAnnotation(specific, targetClass);
			if (annotation != null) {
				DistributedLockAdvisor.this.interceptor.check(annotation, specific);
			}
			return true;
		}

	}

}
