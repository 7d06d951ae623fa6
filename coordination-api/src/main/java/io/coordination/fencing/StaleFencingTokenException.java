package io.coordination.fencing;

import io.coordination.CoordinationException;

/**
 * A protected resource refused a write: its fencing token is lower than one the resource has already accepted, so
 * the writer's lease was lost and another holder has acted since.
 */
public class StaleFencingTokenException extends CoordinationException {

	private static final long serialVersionUID = 1L;

	private final long token;

	private final long highestSeen;

	/**
	 * Creates the exception.
	 * @param resource the protected resource
	 * @param token the refused token
	 * @param highestSeen the highest token the resource has accepted
	 */
	public StaleFencingTokenException(String resource, long token, long highestSeen) {
		super("Fencing token " + token + " for '" + resource + "' is stale: " + highestSeen + " was already accepted");
		this.token = token;
		this.highestSeen = highestSeen;
	}

	/**
	 * The refused token.
	 * @return the token
	 */
	public long token() {
		return this.token;
	}

	/**
	 * The highest token accepted so far.
	 * @return the highest token
	 */
	public long highestSeen() {
		return this.highestSeen;
	}

}
