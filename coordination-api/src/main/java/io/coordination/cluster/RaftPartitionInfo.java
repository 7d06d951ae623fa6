package io.coordination.cluster;

import java.util.List;
import java.util.Objects;

/**
 * One Raft partition.
 *
 * @param group partition group name
 * @param id partition id within the group
 * @param leader member id of the current Raft leader, or {@code null} if none is known
 * @param term current Raft term as known locally
 * @param commitIndex highest log index known committed locally (0 if unknown, as on a client member)
 * @param voters member ids of the voters
 * @param localRole the local member's Raft role ({@code LEADER}, {@code FOLLOWER}, {@code CANDIDATE}, ...) or
 * {@code CLIENT} if it is not a voter
 */
public record RaftPartitionInfo(String group, int id, String leader, long term, long commitIndex, List<String> voters,
		String localRole) {

	/**
	 * Copies the list.
	 * @param group partition group
	 * @param id partition id
	 * @param leader leader id or {@code null}
	 * @param term Raft term
	 * @param commitIndex commit index
	 * @param voters voter ids
	 * @param localRole local role
	 */
	public RaftPartitionInfo {
		Objects.requireNonNull(group, "group");
		voters = List.copyOf(voters);
		Objects.requireNonNull(localRole, "localRole");
	}

}
