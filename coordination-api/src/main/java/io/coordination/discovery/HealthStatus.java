package io.coordination.discovery;

/**
 * Health of a service instance, set by its checks.
 */
public enum HealthStatus {

	/** Healthy: served to clients. */
	PASSING,

	/** Degraded (for example throttling): served only to clients that ask for it. */
	WARNING,

	/** Unhealthy: not served; deregistered after the instance's deregister-critical-after delay. */
	CRITICAL

}
