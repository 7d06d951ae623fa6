package io.coordination.autoconfigure.election;

import io.coordination.election.Leadership;

/**
 * This instance became the leader of a group.
 */
public class LeadershipGrantedEvent extends LeadershipEvent {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the event.
	 * @param source the publisher
	 * @param leadership the new leadership
	 */
	public LeadershipGrantedEvent(Object source, Leadership leadership) {
		super(source, leadership);
	}

}
