package io.coordination.sidecar.security;

import java.util.Optional;

/**
 * Who created an application session: the token filter refuses a request naming another token's session.
 */
public interface SessionOwners {

	/**
	 * The name of the token that created a session (live or recently ended).
	 * @param sessionId the session id
	 * @return the token's name; empty if the session is unknown or was created without a token
	 */
	Optional<String> creator(String sessionId);

}
