package io.coordination.cluster;

import java.util.List;

/**
 * The cluster as the local node sees it.
 */
public interface ClusterView {

	/**
	 * Id of the local member.
	 * @return the member id
	 */
	String localMemberId();

	/**
	 * Known members: voters and client members.
	 * @return the members, sorted by id
	 */
	List<ClusterMember> members();

	/**
	 * The Raft partitions that hold the coordination state.
	 * @return the partitions, by group and id
	 */
	List<RaftPartitionInfo> partitions();

}
