package io.coordination.session;

/**
 * State of a client session.
 */
public enum SessionState {

	/**
	 * The cluster confirmed the session recently: leases are safe to act on.
	 */
	CONNECTED,

	/**
	 * The client could not confirm the session within its timeout: the cluster may already have expired it. Leases are
	 * not safe to act on until the session is confirmed again (or declared expired).
	 */
	SUSPENDED,

	/**
	 * The cluster expired the session: everything held under it was released. A new session is being opened.
	 */
	EXPIRED,

	/**
	 * The client closed the session.
	 */
	CLOSED

}
