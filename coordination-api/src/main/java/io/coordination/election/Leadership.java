package io.coordination.election;

import java.time.Instant;
import java.util.Objects;

import io.coordination.Owner;

/**
 * Who leads a group, in which term.
 *
 * @param group the group
 * @param leaderId the leader's candidate id
 * @param owner the leader's session
 * @param term the leadership's fencing token: strictly greater than every earlier term of the group
 * @param since when it was elected (log time)
 */
public record Leadership(String group, String leaderId, Owner owner, long term, Instant since) {

	/**
	 * Validates the components.
	 * @param group the group
	 * @param leaderId the leader's candidate id
	 * @param owner the leader's session
	 * @param term the term
	 * @param since when it was elected
	 */
	public Leadership {
		Objects.requireNonNull(group, "group");
		Objects.requireNonNull(leaderId, "leaderId");
		Objects.requireNonNull(owner, "owner");
		Objects.requireNonNull(since, "since");
	}

}
