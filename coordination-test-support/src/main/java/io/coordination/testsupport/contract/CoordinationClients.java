package io.coordination.testsupport.contract;

import io.coordination.Coordination;

/**
 * What a contract test needs from the implementation under test: clients with distinct sessions.
 */
public interface CoordinationClients {

	/**
	 * A long-lived client. Different indexes are different sessions (and, where the implementation has several
	 * members, preferably on different members).
	 * @param index 0, 1 or 2
	 * @return the client
	 */
	Coordination client(int index);

	/**
	 * A new client with its own session, for tests that close or lose it.
	 * @return the client; the test closes it
	 */
	Coordination open();

}
