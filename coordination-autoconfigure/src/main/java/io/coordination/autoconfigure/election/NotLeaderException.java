package io.coordination.autoconfigure.election;

import io.coordination.CoordinationException;

/**
 * A {@code @LeaderOnly(onNotLeader = THROW)} method was called on an instance that does not lead its group.
 */
public class NotLeaderException extends CoordinationException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param group the group
	 */
	public NotLeaderException(String group) {
		super("This instance does not lead election group '" + group + "'");
	}

}
