package io.coordination.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the method while holding a cluster-wide lock; the lock is released when the method returns (or, for a method
 * returning a {@code CompletionStage}, when the stage completes). Inside the method, {@link LockContext#currentToken()}
 * is the lease's fencing token, to pass to the protected resource.
 * <p>
 * Applied by the Spring Boot starter through a proxy: it has no effect on calls from inside the same object. Use
 * {@link CoordinationAssert#assertLocked()} to detect such a missed proxy. By default the lock is taken outside any
 * {@code @Transactional} boundary of the same method: the transaction commits before the lock is released.
 *
 * <pre>{@code
 * @DistributedLock(name = "invoice-#{#order.id}", waitTime = "5s", leaseTime = "2m")
 * public void bill(Order order) {
 *     invoices.insert(order, LockContext.currentToken());
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface DistributedLock {

	/**
	 * Lock name: literal text, with {@code #{...}} SpEL expressions over the method's arguments (by name, {@code #a0},
	 * {@code #p0}), the method ({@code #root.method}) and the target ({@code #root.target}). Text outside
	 * {@code #{...}} is literal: a name that looks like an expression there ({@code "'acct-' + #from"}, a quote, a
	 * {@code ${placeholder}}) or a malformed template fails the application's start-up, naming the method. A template
	 * that cannot be resolved at a call fails the call with an {@link IllegalArgumentException} naming it.
	 * @return the name template
	 */
	String name();

	/**
	 * Longest wait for the lock, for example {@code "10s"} or {@code "PT10S"}; empty for the configured default
	 * ({@code coordination.lock.wait-time}, 0: do not wait).
	 * @return the wait time
	 */
	String waitTime() default "";

	/**
	 * Longest time the lock is held before the cluster releases it on its own; empty for the configured default
	 * ({@code coordination.lock.lease-time}, none).
	 * @return the lease time
	 */
	String leaseTime() default "";

	/**
	 * What happens when the lock cannot be acquired in time.
	 * @return the policy
	 */
	OnLockFailure onFailure() default OnLockFailure.THROW;

	/**
	 * Attempts to acquire the lock, with exponential backoff between them ({@code coordination.lock.retry.*});
	 * 0 for the configured default ({@code coordination.lock.retry.max-attempts}, 1: no retry).
	 * @return the attempts
	 */
	int maxAttempts() default 0;

	/**
	 * What to do when the lock is not acquired.
	 */
	enum OnLockFailure {

		/** Throw a {@code LockNotAcquiredException} naming the lock. */
		THROW,

		/**
		 * Skip the method: return {@code null} (void), {@code Optional.empty()}, or a stage completed with
		 * {@code null}. Only allowed on methods returning those types.
		 */
		SKIP

	}

}
