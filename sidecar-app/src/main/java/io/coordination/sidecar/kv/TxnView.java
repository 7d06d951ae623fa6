package io.coordination.sidecar.kv;

import java.util.List;

import io.coordination.kv.TxnResult;

/**
 * What a transaction did, as JSON.
 *
 * @param succeeded whether every comparison held (the {@code then} operations ran)
 * @param revision the revision of its writes, or the current revision if it wrote nothing
 * @param results one result per operation of the branch that ran, in order
 */
public record TxnView(boolean succeeded, long revision, List<OpResultView> results) {

	static TxnView of(TxnResult result) {
		return new TxnView(result.succeeded(), result.revision(),
				result.results().stream().map((op) -> new OpResultView(EntryView.of(op.entries()))).toList());
	}

	/**
	 * The result of one operation.
	 *
	 * @param entries for a get the keys read, for a put the key written, for a delete the keys deleted as they were
	 */
	public record OpResultView(List<EntryView> entries) {
	}

}
