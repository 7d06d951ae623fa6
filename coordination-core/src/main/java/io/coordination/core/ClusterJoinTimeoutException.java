package io.coordination.core;

import java.time.Duration;
import java.util.List;

import io.coordination.CoordinationUnavailableException;

/**
 * A member could not join its cluster within its start timeout. Thrown by {@link CoordinationNode#start()}, after
 * everything it had started was stopped.
 */
public class ClusterJoinTimeoutException extends CoordinationUnavailableException {

	private static final long serialVersionUID = 1L;

	private final String memberId;

	private final boolean voter;

	private final List<String> voters;

	/**
	 * Creates the exception.
	 * @param memberId the member
	 * @param address its host and messaging port
	 * @param voter whether it is one of the voters
	 * @param voters the member list, {@code id@host:port} each
	 * @param timeout how long it tried
	 * @param cause the timeout
	 */
	public ClusterJoinTimeoutException(String memberId, String address, boolean voter, List<String> voters,
			Duration timeout, Throwable cause) {
		super("Member '" + memberId + "' could not join its cluster within " + timeout.toSeconds() + " s: "
				+ (voter ? "are a majority of the voters " + voters + " running?"
						: "it is a client member, not a voter, because neither its id nor its address " + address
								+ " is in the member list " + voters + " (coordination.cluster.members), and a client "
								+ "member joins only once a majority of those voters runs"),
				cause);
		this.memberId = memberId;
		this.voter = voter;
		this.voters = List.copyOf(voters);
	}

	/**
	 * The member that could not join.
	 * @return its id
	 */
	public String memberId() {
		return this.memberId;
	}

	/**
	 * Whether it is one of the voters; a client member is one because it is not in the member list.
	 * @return whether it is a voter
	 */
	public boolean voter() {
		return this.voter;
	}

	/**
	 * The member list.
	 * @return {@code id@host:port} of each voter
	 */
	public List<String> voters() {
		return this.voters;
	}

}
