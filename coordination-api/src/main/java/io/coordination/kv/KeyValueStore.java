package io.coordination.kv;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A hierarchical key-value store with revisions, on the same Raft log as the locks.
 * <p>
 * <b>Keys</b> look like paths: {@code /a/b/c} — a leading {@code /}, segments separated by single slashes, no
 * {@code .} or {@code ..} segment, no control characters, at most {@value #MAX_KEY_LENGTH} characters. Keys under
 * {@code /_} are reserved for configuration, discovery and groups: readable, not writable here. <b>Values</b> are at
 * most {@value #MAX_VALUE_BYTES} bytes.
 * <p>
 * <b>Revisions.</b> Every write (a put, a delete, a transaction, an expiry) gets the next global revision; every key
 * has a version (writes since creation), a create revision and a mod revision. Watches deliver every change after a
 * revision, in order, exactly once, across reconnections and Raft leader changes, as long as the cluster still keeps
 * the history (the last {@value #HISTORY_EVENTS} changes); otherwise they fail with
 * {@link CompactedRevisionException}.
 */
public interface KeyValueStore {

	/** Longest key, in characters. */
	int MAX_KEY_LENGTH = 512;

	/** Largest value, in bytes. */
	int MAX_VALUE_BYTES = 256 * 1024;

	/** Changes kept for watches that resume. */
	int HISTORY_EVENTS = 10_000;

	/**
	 * Reads a key (linearizable).
	 * @param key the key
	 * @return the entry, or empty if absent
	 */
	default Optional<KeyValue> get(String key) {
		return get(key, ReadConsistency.LINEARIZABLE);
	}

	/**
	 * Reads a key.
	 * @param key the key
	 * @param consistency how fresh the read must be
	 * @return the entry, or empty if absent
	 */
	Optional<KeyValue> get(String key, ReadConsistency consistency);

	/**
	 * Reads every key starting with a prefix (linearizable), in key order.
	 * @param prefix the prefix, starting with {@code /}
	 * @return the entries
	 */
	default List<KeyValue> list(String prefix) {
		return list(prefix, ReadConsistency.LINEARIZABLE);
	}

	/**
	 * Reads every key starting with a prefix, in key order.
	 * @param prefix the prefix
	 * @param consistency how fresh the read must be
	 * @return the entries
	 */
	List<KeyValue> list(String prefix, ReadConsistency consistency);

	/**
	 * Reads the keys in {@code [fromKey, toKey)}, in key order, at most {@code limit}.
	 * @param fromKey first key (inclusive)
	 * @param toKey end (exclusive)
	 * @param limit most entries, at least 1
	 * @param consistency how fresh the read must be
	 * @return the entries
	 */
	List<KeyValue> range(String fromKey, String toKey, int limit, ReadConsistency consistency);

	/**
	 * Writes a key unconditionally.
	 * @param key the key
	 * @param value the value
	 * @return the entry written
	 */
	default KeyValue put(String key, String value) {
		return put(key, value.getBytes(StandardCharsets.UTF_8), PutOptions.DEFAULT);
	}

	/**
	 * Writes a key.
	 * @param key the key
	 * @param value the value
	 * @param options version condition, TTL, session binding
	 * @return the entry written
	 * @throws VersionConflictException if the version condition does not hold
	 */
	KeyValue put(String key, byte[] value, PutOptions options);

	/**
	 * Creates {@code prefix} followed by the next number of that prefix, zero-padded to 10 digits (like ZooKeeper's
	 * sequential nodes). Numbers are never reused, even after deletion.
	 * @param prefix the prefix, for example {@code /queue/job-}
	 * @param value the value
	 * @param options TTL or session binding
	 * @return the entry created
	 */
	KeyValue createSequential(String prefix, byte[] value, PutOptions options);

	/**
	 * Deletes a key.
	 * @param key the key
	 * @return whether it existed
	 */
	boolean delete(String key);

	/**
	 * Deletes a key if it is at a version.
	 * @param key the key
	 * @param expectedVersion the version
	 * @return whether it was deleted
	 * @throws VersionConflictException if it is at another version
	 */
	boolean delete(String key, long expectedVersion);

	/**
	 * Deletes every key starting with a prefix, at one revision.
	 * @param prefix the prefix
	 * @return how many keys were deleted
	 */
	int deletePrefix(String prefix);

	/**
	 * Extends a TTL key's life by its TTL, without a new revision.
	 * @param key the key
	 * @return whether the key exists and has a TTL
	 */
	boolean refresh(String key);

	/**
	 * Runs a transaction.
	 * @param txn the transaction
	 * @return what it did
	 */
	TxnResult commit(Txn txn);

	/**
	 * The current revision.
	 * @return the revision
	 */
	long revision();

	/**
	 * Watches one key, or every key with a prefix, from a revision.
	 * @param keyOrPrefix the key, or the prefix if {@code prefix}
	 * @param prefix whether it is a prefix
	 * @param fromRevision first revision to deliver; 0 for changes after now
	 * @param listener receives the changes
	 * @return the watch; close it to stop
	 * @throws CompactedRevisionException if {@code fromRevision} is no longer kept
	 */
	KeyValueWatch watch(String keyOrPrefix, boolean prefix, long fromRevision, KeyValueListener listener);

}
