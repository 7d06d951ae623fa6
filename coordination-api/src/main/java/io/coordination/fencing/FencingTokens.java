package io.coordination.fencing;

/**
 * How fencing tokens are made. A token is the position of its grant in the Raft log:
 * {@code raftIndex * 1_000_000 + ordinal}, where {@code raftIndex} is the index of the log entry that granted it and
 * {@code ordinal} (0 to 999,999) numbers the grants made by that entry (one entry carries a batch of operations).
 * Tokens therefore strictly increase per resource across all holders, whatever happened in between (session
 * expiry, leader change, restart), and compare as plain numbers.
 */
public final class FencingTokens {

	/**
	 * Grants one log entry can make.
	 */
	public static final int GRANTS_PER_ENTRY = 1_000_000;

	private FencingTokens() {
	}

	/**
	 * Makes a token.
	 * @param raftIndex index of the granting log entry, positive
	 * @param ordinal number of the grant within that entry
	 * @return the token
	 */
	public static long of(long raftIndex, int ordinal) {
		if (raftIndex <= 0 || raftIndex > Long.MAX_VALUE / GRANTS_PER_ENTRY) {
			throw new IllegalArgumentException("Raft index out of range: " + raftIndex);
		}
		if (ordinal < 0 || ordinal >= GRANTS_PER_ENTRY) {
			throw new IllegalArgumentException("Grant ordinal out of range: " + ordinal);
		}
		return raftIndex * GRANTS_PER_ENTRY + ordinal;
	}

	/**
	 * Index of the log entry that granted a token.
	 * @param token the token
	 * @return the Raft index
	 */
	public static long raftIndex(long token) {
		return token / GRANTS_PER_ENTRY;
	}

	/**
	 * Number of the grant within its log entry.
	 * @param token the token
	 * @return the ordinal
	 */
	public static int ordinal(long token) {
		return (int) (token % GRANTS_PER_ENTRY);
	}

	/**
	 * The token as {@code index.ordinal}, for logs.
	 * @param token the token
	 * @return the description
	 */
	public static String describe(long token) {
		return raftIndex(token) + "." + ordinal(token);
	}

}
