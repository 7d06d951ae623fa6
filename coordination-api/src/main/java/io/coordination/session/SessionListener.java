package io.coordination.session;

/**
 * Session state changes. Runs on a coordination notification thread.
 */
@FunctionalInterface
public interface SessionListener {

	/**
	 * The session changed state.
	 * @param sessionId id of the session concerned
	 * @param state its new state
	 */
	void stateChanged(long sessionId, SessionState state);

}
