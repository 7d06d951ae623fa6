package io.coordination.group;

import java.util.List;
import java.util.Map;

/**
 * A named group that members join with metadata and leave; membership is bound to the joining session, so a member
 * whose process dies leaves when its session expires.
 */
public interface GroupMembership {

	/**
	 * Name of the group.
	 * @return the name
	 */
	String name();

	/**
	 * Joins the group.
	 * @param memberId id unique within the group
	 * @param metadata what to publish
	 * @return the membership; close it to leave
	 * @throws IllegalStateException if another session already joined with this id
	 */
	Membership join(String memberId, Map<String, String> metadata);

	/**
	 * The current members, by id.
	 * @return the members
	 */
	List<GroupMember> members();

	/**
	 * Hears joins and leaves; first hears a join for every current member.
	 * @param listener the listener
	 * @return a handle; close it to stop listening
	 */
	AutoCloseable addListener(GroupListener listener);

}
