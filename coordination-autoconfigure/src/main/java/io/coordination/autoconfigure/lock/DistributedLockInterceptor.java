package io.coordination.autoconfigure.lock;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.aopalliance.intercept.MethodInterceptor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.annotation.AnnotatedElementUtils;

import io.coordination.Coordination;
import io.coordination.CoordinationUnavailableException;
import io.coordination.annotation.DistributedLock;
import io.coordination.annotation.LockContext;
import io.coordination.lock.LockLease;

/**
 * Runs {@code @DistributedLock} methods under their lock. The lock is released when the method returns, or when the
 * returned {@link CompletionStage} completes. Retries (resilience4j, exponential backoff) only when asked for. A hold
 * lost while the method runs (session expiry, lease time, forced release) is logged as a warning with its token;
 * the method sees it through {@link LockContext#isValid()}.
 */
public final class DistributedLockInterceptor implements MethodInterceptor {

	private static final Log logger = LogFactory.getLog(DistributedLockInterceptor.class);

	private final ObjectProvider<Coordination> coordination;

	private final DistributedLockProperties properties;

	private final MethodExpressions expressions = new MethodExpressions();

	/**
	 * Creates the interceptor.
	 * @param coordination the entry point, resolved at the first invocation
	 * @param properties the defaults
	 */
	public DistributedLockInterceptor(ObjectProvider<Coordination> coordination, DistributedLockProperties properties) {
		this.coordination = coordination;
		this.properties = properties;
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		Object target = invocation.getThis();
		Method method = (target != null) ? AopUtils.getMostSpecificMethod(invocation.getMethod(), target.getClass())
				: invocation.getMethod();
		DistributedLock annotation = findAnnotation(method, target);
		if (annotation == null) {
			return invocation.proceed();
		}
		Class<?> returnType = method.getReturnType();
		if (annotation.onFailure() == DistributedLock.OnLockFailure.SKIP && !Skipping.allowed(returnType)) {
			throw new IllegalStateException("@DistributedLock(onFailure = SKIP) on " + method
					+ " needs a void, Optional or CompletionStage return type, not " + returnType.getSimpleName());
		}
		String name = this.expressions.resolve(annotation.name(), method, invocation.getArguments(), target);
		Duration waitTime = duration(annotation.waitTime(), this.properties.getWaitTime(), "waitTime", method);
		Duration leaseTime = duration(annotation.leaseTime(), this.properties.getLeaseTime(), "leaseTime", method);
		int attempts = (annotation.maxAttempts() > 0) ? annotation.maxAttempts()
				: this.properties.getRetry().getMaxAttempts();
		Optional<LockLease> acquired = acquire(name, waitTime, leaseTime, attempts);
		if (acquired.isEmpty()) {
			if (annotation.onFailure() == DistributedLock.OnLockFailure.SKIP) {
				return Skipping.valueFor(returnType);
			}
			throw new LockNotAcquiredException(name, waitTime, attempts);
		}
		LockLease lease = acquired.get();
		AtomicBoolean running = new AtomicBoolean(true);
		lease.addLostListener((event) -> {
			if (running.get()) {
				logger.warn("Lock '" + name + "' (fencing token " + event.fencingToken() + ") was lost ("
						+ event.reason() + ") while " + method.getDeclaringClass().getSimpleName() + "."
						+ method.getName() + " is still running: what it does from now on is not protected by the "
						+ "lock. Check LockContext.isValid() before acting and pass LockContext.currentToken() to the "
						+ "resource, which refuses it once a later holder has written");
			}
		});
		Object result;
		try (LockContext.Scope scope = LockContext.open(lease)) {
			result = invocation.proceed();
		}
		catch (Throwable ex) {
			running.set(false);
			release(lease, name, ex);
			throw ex;
		}
		if (result instanceof CompletionStage<?> stage) {
			return releaseWhenComplete(stage, lease, name, returnType, running);
		}
		running.set(false);
		release(lease, name, null);
		return result;
	}

	/**
	 * Releases the lock after the method. A release that fails (the cluster unreachable) never replaces the method's
	 * outcome: the work is done, and the cluster frees the lock on its own when the session or lease ends.
	 */
	private static void release(LockLease lease, String name, Throwable outcome) {
		try {
			lease.close();
		}
		catch (RuntimeException ex) {
			if (outcome != null) {
				outcome.addSuppressed(ex);
			}
			logger.warn("Could not release lock '" + name + "' (token " + lease.fencingToken()
					+ "); the cluster releases it when this session or the lease ends: " + ex.getMessage());
		}
	}

	private static Object releaseWhenComplete(CompletionStage<?> stage, LockLease lease, String name,
			Class<?> returnType, AtomicBoolean running) {
		CompletableFuture<Object> released = new CompletableFuture<>();
		stage.whenComplete((value, error) -> {
			running.set(false);
			release(lease, name, error);
			if (error != null) {
				released.completeExceptionally(error);
			}
			else {
				released.complete(value);
			}
		});
		return returnType.isAssignableFrom(CompletableFuture.class) ? released : stage;
	}

	private Optional<LockLease> acquire(String name, Duration waitTime, Duration leaseTime, int attempts) {
		Coordination coordination = this.coordination.getObject();
		if (attempts <= 1) {
			return tryLock(coordination, name, waitTime, leaseTime);
		}
		DistributedLockProperties.Retry retry = this.properties.getRetry();
		RetryConfig config = RetryConfig.<Optional<LockLease>>custom()
			.maxAttempts(attempts)
			.intervalFunction(IntervalFunction.ofExponentialBackoff(retry.getInitialInterval(), retry.getMultiplier(),
					retry.getMaxInterval()))
			.retryOnResult(Optional::isEmpty)
			.retryExceptions(CoordinationUnavailableException.class)
			.build();
		return Retry.of("lock:" + name, config)
			.executeSupplier(() -> tryLock(coordination, name, waitTime, leaseTime));
	}

	private static Optional<LockLease> tryLock(Coordination coordination, String name, Duration waitTime,
			Duration leaseTime) {
		return (leaseTime != null) ? coordination.lock(name).tryLock(waitTime, leaseTime)
				: coordination.lock(name).tryLock(waitTime);
	}

	private static Duration duration(String text, Duration fallback, String attribute, Method method) {
		if (text.isEmpty()) {
			return fallback;
		}
		try {
			return DurationStyle.detectAndParse(text);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("@DistributedLock(" + attribute + " = \"" + text + "\") on " + method
					+ " is not a duration (use 10s, 500ms or PT10S)", ex);
		}
	}

	static DistributedLock findAnnotation(Method method, Object target) {
		return findAnnotation(method, (target != null) ? target.getClass() : null);
	}

	static DistributedLock findAnnotation(Method method, Class<?> targetClass) {
		DistributedLock annotation = AnnotatedElementUtils.findMergedAnnotation(method, DistributedLock.class);
		if (annotation == null && targetClass != null) {
			annotation = AnnotatedElementUtils.findMergedAnnotation(targetClass, DistributedLock.class);
		}
		return annotation;
	}

	/**
	 * Checks an annotation before any call: its name template and its durations.
	 * @param annotation the annotation
	 * @param method the annotated method
	 * @throws IllegalArgumentException if the name or a duration is wrong
	 */
	void check(DistributedLock annotation, Method method) {
		this.expressions.check(annotation.name(), "@DistributedLock(name = \"" + annotation.name() + "\")", method);
		duration(annotation.waitTime(), null, "waitTime", method);
		duration(annotation.leaseTime(), null, "leaseTime", method);
	}

}
