package io.coordination.autoconfigure.lock;

import org.aopalliance.aop.Advice;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;

import io.coordination.annotation.DistributedLock;

/**
 * Applies {@link DistributedLockInterceptor} to methods (or types) annotated with {@code @DistributedLock}.
 */
public final class DistributedLockAdvisor extends AbstractPointcutAdvisor {

	private static final long serialVersionUID = 1L;

	// methods annotated here or on an interface they implement, and every method of an annotated class
	private final transient Pointcut pointcut = new ComposablePointcut(
			new AnnotationMatchingPointcut(null, DistributedLock.class, true))
		.union(new AnnotationMatchingPointcut(DistributedLock.class, true));

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

}
