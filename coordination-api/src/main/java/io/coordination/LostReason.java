package io.coordination;

/**
 * Why a holder lost what it held.
 */
public enum LostReason {

	/**
	 * The holder's session expired: it did not reach the cluster within the session timeout (crash, pause, partition).
	 */
	SESSION_EXPIRED,

	/**
	 * The lease time given at acquisition elapsed on the cluster's log time.
	 */
	LEASE_EXPIRED,

	/**
	 * An operator released it (for example through the actuator endpoint).
	 */
	FORCED_RELEASE,

	/**
	 * The local node was shut down while it still held the resource.
	 */
	NODE_CLOSED

}
