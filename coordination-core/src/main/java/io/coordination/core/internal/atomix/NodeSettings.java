package io.coordination.core.internal.atomix;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.coordination.core.internal.client.ClientSettings;

/**
 * Everything a node is configured with, validated.
 *
 * @param clusterId cluster id; members of different clusters ignore each other
 * @param memberId this member's id
 * @param host host this member is reached at
 * @param port messaging port
 * @param bindHost interface the messaging server binds to
 * @param dataDirectory Raft logs and snapshots (voters only)
 * @param members the voters
 * @param electionTimeout Raft election timeout
 * @param heartbeatInterval Raft leader heartbeat interval
 * @param startTimeout longest wait for the node to join its cluster
 * @param client settings of the node's clients
 * @param tls messaging TLS, or {@code null} for none
 * @param syncLog whether a voter syncs its Raft log to disk before acknowledging (off: tests and development only)
 */
public record NodeSettings(String clusterId, String memberId, String host, int port, String bindHost,
		Path dataDirectory, List<MemberAddress> members, Duration electionTimeout, Duration heartbeatInterval,
		Duration startTimeout, ClientSettings client, io.coordination.core.MessagingTls tls, boolean syncLog) {

	/**
	 * Copies the member list.
	 * @param clusterId cluster id
	 * @param memberId member id
	 * @param host host
	 * @param port port
	 * @param bindHost bind interface
	 * @param dataDirectory data directory
	 * @param members voters
	 * @param electionTimeout election timeout
	 * @param heartbeatInterval heartbeat interval
	 * @param startTimeout start timeout
	 * @param client client settings
	 * @param tls messaging TLS
	 * @param syncLog whether the Raft log is synced before acknowledging
	 */
	public NodeSettings {
		members = List.copyOf(members);
	}

	/**
	 * Whether this member is a Raft voter.
	 * @return whether its id is in the member list
	 */
	public boolean voter() {
		return this.members.stream().anyMatch((member) -> member.id().equals(this.memberId));
	}

	/**
	 * Session timeout of the node's clients.
	 * @return the timeout
	 */
	public Duration sessionTimeout() {
		return this.client.sessionTimeout();
	}

}
