package io.coordination.election;

import java.time.Duration;
import java.util.Optional;

/**
 * Membership of one candidate in a {@link LeaderElection}. Close it to leave the group (a leader gives up
 * leadership; the next candidate is elected).
 */
public interface Candidacy extends AutoCloseable {

	/**
	 * Name of the group.
	 * @return the group
	 */
	String group();

	/**
	 * This candidate's id.
	 * @return the id
	 */
	String candidateId();

	/**
	 * Whether this candidate leads now and it is safe to act as leader: the last leadership event named it, and the
	 * session has been confirmed alive within its timeout. Turns {@code false} as soon as the session is suspended.
	 * @return whether it is safe to act as leader
	 */
	boolean isLeader();

	/**
	 * This candidate's leadership, if it leads.
	 * @return the leadership with its term, or empty
	 */
	Optional<Leadership> leadership();

	/**
	 * Waits until this candidate leads.
	 * @param timeout longest wait
	 * @return the leadership, or empty if it did not lead in time
	 */
	Optional<Leadership> awaitLeadership(Duration timeout);

	/**
	 * Registers a listener for this candidate's leadership: granted when it becomes leader, revoked when it stops
	 * (another candidate elected after its session expired, or it left).
	 * @param listener the listener
	 */
	void addListener(LeadershipListener listener);

	/**
	 * Leaves the group.
	 */
	@Override
	void close();

}
