package io.coordination.group;

/**
 * Hears members join and leave. Runs on a coordination notification thread, in the order of the changes.
 */
public interface GroupListener {

	/**
	 * A member joined (or is reported as present when the listener is added).
	 * @param member the member
	 */
	void joined(GroupMember member);

	/**
	 * A member left, or its session ended.
	 * @param member the member as it was
	 */
	void left(GroupMember member);

}
