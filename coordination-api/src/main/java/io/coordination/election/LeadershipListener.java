package io.coordination.election;

/**
 * Leadership changes. Runs on a coordination notification thread, in term order.
 */
public interface LeadershipListener {

	/**
	 * A leader was elected (for a candidacy listener: this candidate).
	 * @param leadership the new leadership
	 */
	void granted(Leadership leadership);

	/**
	 * A leadership ended (for a candidacy listener: this candidate's).
	 * @param leadership the leadership that ended
	 */
	default void revoked(Leadership leadership) {
	}

}
