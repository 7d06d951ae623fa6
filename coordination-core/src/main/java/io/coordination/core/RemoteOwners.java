package io.coordination.core;

import java.util.function.Supplier;

import io.coordination.core.internal.client.Owners;

/**
 * For servers that act for remote clients (the sidecar): locks, permits and barrier arrivals are owned by the thread
 * that asks, unless it runs inside {@link #callAs}, where they are owned by the owner id the remote client names
 * (its own thread, typically). Reentrancy and "who holds what" then follow the remote thread, not the server's.
 */
public final class RemoteOwners {

	private RemoteOwners() {
	}

	/**
	 * Runs an action on behalf of a remote owner.
	 * @param <T> the result type
	 * @param owner the remote owner id (1 to 256 characters, no control characters)
	 * @param action the action
	 * @return its result
	 * @throws IllegalArgumentException if the owner id is invalid
	 */
	public static <T> T callAs(String owner, Supplier<T> action) {
		return Owners.callAs(owner, action);
	}

}
