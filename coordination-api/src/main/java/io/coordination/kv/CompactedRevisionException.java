package io.coordination.kv;

import io.coordination.CoordinationException;

/**
 * A watch asked for changes from a revision the cluster no longer keeps. Re-read the keys, then watch from the
 * current revision.
 */
public class CompactedRevisionException extends CoordinationException {

	private static final long serialVersionUID = 1L;

	private final long requested;

	private final long compacted;

	private final long current;

	/**
	 * Creates the exception.
	 * @param requested revision asked for
	 * @param compacted highest revision no longer kept
	 * @param current current revision
	 */
	public CompactedRevisionException(long requested, long compacted, long current) {
		super("Revision " + requested + " is compacted (history starts after " + compacted + "; current revision "
				+ current + "): re-read the keys and watch from revision " + (current + 1));
		this.requested = requested;
		this.compacted = compacted;
		this.current = current;
	}

	/**
	 * Revision asked for.
	 * @return the revision
	 */
	public long requested() {
		return this.requested;
	}

	/**
	 * Highest revision no longer kept.
	 * @return the revision
	 */
	public long compacted() {
		return this.compacted;
	}

	/**
	 * Current revision.
	 * @return the revision
	 */
	public long current() {
		return this.current;
	}

}
