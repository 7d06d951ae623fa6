package io.coordination.kv;

import java.util.List;

/**
 * Receives the changes a watch matches, in revision order, each exactly once. Runs on a coordination notification
 * thread.
 */
@FunctionalInterface
public interface KeyValueListener {

	/**
	 * Changes of one revision (a transaction's changes share it).
	 * @param events the changes
	 */
	void changed(List<KeyValueEvent> events);

	/**
	 * The watch cannot continue: the revision it must resume from was compacted away (the client was away longer
	 * than the cluster keeps history). Re-read the keys and watch again from the current revision.
	 * @param exception what happened
	 */
	default void failed(CompactedRevisionException exception) {
	}

}
