package io.coordination.group;

import java.time.Instant;
import java.util.Map;

/**
 * A member of a group.
 *
 * @param group the group
 * @param memberId its id in the group
 * @param metadata what it published
 * @param joinedAt when it joined (log time)
 */
public record GroupMember(String group, String memberId, Map<String, String> metadata, Instant joinedAt) {

	/**
	 * Copies the metadata.
	 * @param group group
	 * @param memberId member id
	 * @param metadata metadata
	 * @param joinedAt join time
	 */
	public GroupMember {
		metadata = Map.copyOf(metadata);
	}

}
