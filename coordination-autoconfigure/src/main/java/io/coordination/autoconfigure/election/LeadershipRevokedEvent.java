package io.coordination.autoconfigure.election;

import io.coordination.election.Leadership;

/**
 * This instance stopped leading a group (it left, or its session expired and another candidate was elected).
 */
public class LeadershipRevokedEvent extends LeadershipEvent {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the event.
	 * @param source the publisher
	 * @param leadership the leadership that ended
	 */
	public LeadershipRevokedEvent(Object source, Leadership leadership) {
		super(source, leadership);
	}

}
