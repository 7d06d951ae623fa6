package io.coordination.autoconfigure.lock;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.Ordered;

/**
 * {@code @DistributedLock} methods: defaults and the place of the lock among other method interceptors.
 */
@ConfigurationProperties("coordination.lock")
public class DistributedLockProperties {

	/**
	 * Whether @DistributedLock methods acquire their lock.
	 */
	private boolean enabled = true;

	/**
	 * Order of the lock interceptor; lower runs outside. The default runs outside @Transactional (whose interceptor
	 * defaults to the lowest precedence), so the transaction commits before the lock is released.
	 */
	private int order = Ordered.HIGHEST_PRECEDENCE + 1000;

	/**
	 * Default longest wait for a lock when the annotation gives none. 0: do not wait.
	 */
	private Duration waitTime = Duration.ZERO;

	/**
	 * Default lease time when the annotation gives none; the cluster releases the lock after it. Empty: none.
	 */
	private Duration leaseTime;

	private final Retry retry = new Retry();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getOrder() {
		return this.order;
	}

	public void setOrder(int order) {
		this.order = order;
	}

	public Duration getWaitTime() {
		return this.waitTime;
	}

	public void setWaitTime(Duration waitTime) {
		this.waitTime = waitTime;
	}

	public Duration getLeaseTime() {
		return this.leaseTime;
	}

	public void setLeaseTime(Duration leaseTime) {
		this.leaseTime = leaseTime;
	}

	public Retry getRetry() {
		return this.retry;
	}

	/**
	 * Retries of a lock acquisition that did not get the lock or could not reach the cluster.
	 */
	public static class Retry {

		/**
		 * Default number of attempts when the annotation gives none. 1: no retry.
		 */
		private int maxAttempts = 1;

		/**
		 * Wait before the second attempt.
		 */
		private Duration initialInterval = Duration.ofMillis(100);

		/**
		 * Factor by which each wait grows.
		 */
		private double multiplier = 2.0;

		/**
		 * Longest wait between attempts.
		 */
		private Duration maxInterval = Duration.ofSeconds(5);

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialInterval() {
			return this.initialInterval;
		}

		public void setInitialInterval(Duration initialInterval) {
			this.initialInterval = initialInterval;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxInterval() {
			return this.maxInterval;
		}

		public void setMaxInterval(Duration maxInterval) {
			this.maxInterval = maxInterval;
		}

	}

}
