package io.coordination.kv;

import java.util.List;

/**
 * What a transaction did.
 *
 * @param succeeded whether every comparison held (the {@code then} branch ran)
 * @param revision the revision of its writes, or the current revision if it wrote nothing
 * @param results one result per operation of the branch that ran, in order
 */
public record TxnResult(boolean succeeded, long revision, List<OpResult> results) {

	/**
	 * Copies the list.
	 * @param succeeded whether the conditions held
	 * @param revision the revision
	 * @param results the results
	 */
	public TxnResult {
		results = List.copyOf(results);
	}

	/**
	 * The result of one operation.
	 *
	 * @param entries for a get: the keys read; for a put: the key written; for a delete: the keys deleted as they were
	 */
	public record OpResult(List<KeyValue> entries) {

		/**
		 * Copies the list.
		 * @param entries the entries
		 */
		public OpResult {
			entries = List.copyOf(entries);
		}

	}

}
