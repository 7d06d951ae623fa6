package io.coordination.group;

/**
 * This client's membership of a group, bound to its session. Close it to leave.
 */
public interface Membership extends AutoCloseable {

	/**
	 * The member as joined.
	 * @return the member
	 */
	GroupMember member();

	/**
	 * Leaves the group.
	 */
	@Override
	void close();

}
