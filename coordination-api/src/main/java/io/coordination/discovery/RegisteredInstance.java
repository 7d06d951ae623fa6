package io.coordination.discovery;

/**
 * An instance registered through this client. Close it to deregister.
 */
public interface RegisteredInstance extends AutoCloseable {

	/**
	 * What was registered.
	 * @return the registration
	 */
	ServiceRegistration registration();

	/**
	 * Passes the TTL check (and sets the status to PASSING).
	 */
	void heartbeat();

	/**
	 * Reports the result of a check.
	 * @param status the health
	 * @param output what the check said
	 */
	void reportHealth(HealthStatus status, String output);

	/**
	 * Deregisters the instance.
	 */
	@Override
	void close();

}
