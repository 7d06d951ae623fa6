package io.coordination.core.internal.state;

import java.util.Comparator;

/**
 * An owner as the state machine knows it: a session and the client's owner id within it.
 *
 * @param session session id
 * @param id owner id within the session
 */
record OwnerKey(long session, String id) implements Comparable<OwnerKey> {

	private static final Comparator<OwnerKey> ORDER = Comparator.comparingLong(OwnerKey::session)
		.thenComparing(OwnerKey::id);

	@Override
	public int compareTo(OwnerKey other) {
		return ORDER.compare(this, other);
	}

}
