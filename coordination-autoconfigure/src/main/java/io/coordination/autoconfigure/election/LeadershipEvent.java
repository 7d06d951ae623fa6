package io.coordination.autoconfigure.election;

import org.springframework.context.ApplicationEvent;

import io.coordination.election.Leadership;

/**
 * This instance's leadership of a group changed.
 */
public abstract class LeadershipEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final transient Leadership leadership;

	/**
	 * Creates the event.
	 * @param source the publisher
	 * @param leadership the leadership concerned
	 */
	protected LeadershipEvent(Object source, Leadership leadership) {
		super(source);
		this.leadership = leadership;
	}

	/**
	 * The election group.
	 * @return the group
	 */
	public String getGroup() {
		return this.leadership.group();
	}

	/**
	 * The leadership's term, its fencing token.
	 * @return the term
	 */
	public long getTerm() {
		return this.leadership.term();
	}

	/**
	 * The leadership concerned.
	 * @return the leadership
	 */
	public Leadership getLeadership() {
		return this.leadership;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[group=" + getGroup() + ", term=" + getTerm() + "]";
	}

}
