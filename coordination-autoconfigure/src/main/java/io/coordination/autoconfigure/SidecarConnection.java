package io.coordination.autoconfigure;

import io.coordination.Coordination;

/**
 * The application's connection to its coordination sidecar ({@code coordination.mode=sidecar}): owns the HTTP
 * client, whose application session ends when the connection is closed.
 */
public final class SidecarConnection implements AutoCloseable {

	private final Coordination client;

	/**
	 * Wraps a client.
	 * @param client the sidecar's HTTP client
	 */
	public SidecarConnection(Coordination client) {
		this.client = client;
	}

	/**
	 * The client.
	 * @return the client
	 */
	public Coordination client() {
		return this.client;
	}

	@Override
	public void close() {
		this.client.close();
	}

}
