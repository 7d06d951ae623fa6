package io.coordination.kv;

/**
 * A running watch. Close it to stop.
 */
public interface KeyValueWatch extends AutoCloseable {

	/**
	 * Revision of the last change delivered (or the revision the watch started after).
	 * @return the revision
	 */
	long lastRevision();

	/**
	 * Stops the watch.
	 */
	@Override
	void close();

}
