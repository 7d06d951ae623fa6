package io.coordination.cluster;

import java.util.Objects;

/**
 * One member of the cluster.
 *
 * @param id member id
 * @param host host it listens on
 * @param port port it listens on
 * @param voter whether it is a Raft voter (otherwise a client member)
 * @param reachable whether the local node currently sees it alive
 */
public record ClusterMember(String id, String host, int port, boolean voter, boolean reachable) {

	/**
	 * Validates the components.
	 * @param id member id
	 * @param host host
	 * @param port port
	 * @param voter whether it votes
	 * @param reachable whether it is alive
	 */
	public ClusterMember {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(host, "host");
	}

}
