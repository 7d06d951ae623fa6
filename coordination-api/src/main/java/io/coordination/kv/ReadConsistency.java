package io.coordination.kv;

/**
 * How fresh a read is.
 */
public enum ReadConsistency {

	/** Reflects every write acknowledged before the read started (goes through the Raft leader). */
	LINEARIZABLE,

	/**
	 * Reflects a prefix of the log, never going backwards for one client; may miss the latest writes of others.
	 * Cheaper: any member may answer.
	 */
	SEQUENTIAL

}
