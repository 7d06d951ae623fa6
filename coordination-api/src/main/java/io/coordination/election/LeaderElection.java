package io.coordination.election;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A leader election group. Candidates are ordered by arrival; the first is the leader. When the leader leaves or its
 * session expires, the next candidate becomes leader with a strictly greater {@link Leadership#term() term}, which
 * is the leadership's fencing token.
 */
public interface LeaderElection {

	/**
	 * Name of the group.
	 * @return the group
	 */
	String group();

	/**
	 * Joins the group with this member's id as candidate id.
	 * @return the candidacy; close it to leave
	 */
	Candidacy join();

	/**
	 * Joins the group.
	 * @param candidateId id shown to others as the leader's id; unique within the group
	 * @param metadata small key/value data other members can read (an address, a version)
	 * @return the candidacy; close it to leave
	 * @throws IllegalStateException if {@code candidateId} is already a candidate of the group
	 */
	Candidacy join(String candidateId, Map<String, String> metadata);

	/**
	 * The current leader (a linearizable read).
	 * @return the leadership, or empty if the group has no candidate
	 */
	Optional<Leadership> leader();

	/**
	 * Waits until the group has a leader.
	 * @param timeout longest wait
	 * @return the leadership, or empty if none appeared in time
	 */
	Optional<Leadership> awaitLeader(Duration timeout);

	/**
	 * Leader and candidates now.
	 * @return the group's state
	 */
	ElectionInfo info();

	/**
	 * Observes leadership changes without being a candidate.
	 * @param listener called on every change of leader, in term order
	 * @return a handle; close it to stop listening
	 */
	AutoCloseable addListener(LeadershipListener listener);

}
