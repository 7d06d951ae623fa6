package io.coordination.session;

import java.time.Duration;
import java.util.List;

/**
 * A client's session with the cluster. Everything acquired through a {@link io.coordination.Coordination} is bound to
 * its session: when the session expires (the client did not reach the cluster within {@link #timeout()}), the
 * cluster releases all of it and grants waiters. The client then opens a new session, with a new id, and tells the
 * holders of every lost lease.
 */
public interface CoordinationSession {

	/**
	 * Id of the current session on the cluster.
	 * @return the id, or 0 while no session is open
	 */
	long id();

	/**
	 * Id of the cluster member this session belongs to.
	 * @return the member id
	 */
	String memberId();

	/**
	 * The session's state.
	 * @return the state
	 */
	SessionState state();

	/**
	 * How long the cluster keeps the session without hearing from the client.
	 * @return the session timeout
	 */
	Duration timeout();

	/**
	 * Registers a listener for state changes.
	 * @param listener the listener
	 */
	void addListener(SessionListener listener);

	/**
	 * Removes a listener.
	 * @param listener the listener
	 */
	void removeListener(SessionListener listener);

	/**
	 * What the client is still making again after a new session replaced an expired one: candidacies and bindings to
	 * the session (ephemeral registrations, group memberships) that the cluster refuses until the old session is gone.
	 * A health check is not healthy while this is not empty.
	 * @return a description of each, empty when everything is in place
	 */
	default List<String> restoring() {
		return List.of();
	}

}
