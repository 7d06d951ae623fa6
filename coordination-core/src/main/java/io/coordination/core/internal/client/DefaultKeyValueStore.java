package io.coordination.core.internal.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.coordination.InputRules;
import io.coordination.core.internal.protocol.Command;
import io.coordination.core.internal.protocol.ErrorCode;
import io.coordination.core.internal.protocol.KeyList;
import io.coordination.core.internal.protocol.Query;
import io.coordination.core.internal.protocol.Result;
import io.coordination.kv.KeyRules;
import io.coordination.kv.KeyValue;
import io.coordination.kv.KeyValueListener;
import io.coordination.kv.KeyValueStore;
import io.coordination.kv.KeyValueWatch;
import io.coordination.kv.Op;
import io.coordination.kv.PutOptions;
import io.coordination.kv.ReadConsistency;
import io.coordination.kv.Txn;
import io.coordination.kv.TxnResult;
import io.coordination.kv.VersionConflictException;

/**
 * The key-value store of an embedded client. Input is checked here first, so bad input fails without a round trip;
 * the state machine checks it again.
 */
final class DefaultKeyValueStore implements KeyValueStore {

	private final EmbeddedCoordination client;

	private final KvWatches watches;

	DefaultKeyValueStore(EmbeddedCoordination client, KvWatches watches) {
		this.client = client;
		this.watches = watches;
	}

	@Override
	public Optional<KeyValue> get(String key, ReadConsistency consistency) {
		KeyRules.key(key);
		return Optional.ofNullable((KeyValue) this.client.query(new Query.KvGet(key), consistency, "read '" + key + "'"));
	}

	@Override
	public List<KeyValue> list(String prefix, ReadConsistency consistency) {
		KeyRules.prefix(prefix);
		return ((KeyList) this.client.query(new Query.KvRange(prefix, null, true, Integer.MAX_VALUE), consistency,
				"list '" + prefix + "'")).entries();
	}

	@Override
	public List<KeyValue> range(String fromKey, String toKey, int limit, ReadConsistency consistency) {
		KeyRules.range(fromKey, toKey);
		InputRules.positive("limit", limit);
		return ((KeyList) this.client.query(new Query.KvRange(fromKey, toKey, false, limit), consistency,
				"read keys from '" + fromKey + "' to '" + toKey + "'")).entries();
	}

	@Override
	public KeyValue put(String key, byte[] value, PutOptions options) {
		KeyRules.writable(KeyRules.key(key));
		KeyRules.value(key, value);
		Objects.requireNonNull(options, "options");
		Result result = this.client.execute(new Command.KvPut(key, value, options.expectedVersion(), ttl(options),
				options.ephemeral()), "write '" + key + "'");
		return entry(key, result);
	}

	@Override
	public KeyValue createSequential(String prefix, byte[] value, PutOptions options) {
		KeyRules.writable(KeyRules.prefix(prefix));
		KeyRules.value(prefix, value);
		Objects.requireNonNull(options, "options");
		if (options.expectedVersion() != PutOptions.ANY_VERSION) {
			throw new IllegalArgumentException("A sequential key is always new: no version condition");
		}
		Result result = this.client.execute(new Command.KvSequential(prefix, value, ttl(options), options.ephemeral()),
				"create a sequential key under '" + prefix + "'");
		return entry(prefix, result);
	}

	@Override
	public boolean delete(String key) {
		return delete(key, PutOptions.ANY_VERSION);
	}

	@Override
	public boolean delete(String key, long expectedVersion) {
		KeyRules.writable(KeyRules.key(key));
		Result result = this.client.execute(new Command.KvDelete(key, expectedVersion, false), "delete '" + key + "'");
		check(key, result);
		return result instanceof Result.Done done && done.changed();
	}

	@Override
	public int deletePrefix(String prefix) {
		KeyRules.writable(KeyRules.prefix(prefix));
		Result result = this.client.execute(new Command.KvDelete(prefix, PutOptions.ANY_VERSION, true),
				"delete keys under '" + prefix + "'");
		check(prefix, result);
		return (int) ((Result.Count) result).count();
	}

	@Override
	public boolean refresh(String key) {
		KeyRules.key(key);
		Result result = this.client.execute(new Command.KvRefresh(key), "refresh '" + key + "'");
		return result instanceof Result.Done done && done.changed();
	}

	@Override
	public TxnResult commit(Txn txn) {
		Objects.requireNonNull(txn, "txn");
		for (Op op : txn.then()) {
			checkOp(op);
		}
		for (Op op : txn.otherwise()) {
			checkOp(op);
		}
		Result result = this.client.execute(new Command.KvTxn(txn.compares(), txn.then(), txn.otherwise()),
				"run a transaction");
		check("transaction", result);
		return ((Result.Txn) result).result();
	}

	@Override
	public long revision() {
		return (Long) this.client.query(new Query.KvRevision(), ReadConsistency.LINEARIZABLE, "read the revision");
	}

	@Override
	public KeyValueWatch watch(String keyOrPrefix, boolean prefix, long fromRevision, KeyValueListener listener) {
		if (prefix) {
			KeyRules.prefix(keyOrPrefix);
		}
		else {
			KeyRules.key(keyOrPrefix);
		}
		if (fromRevision < 0) {
			throw new IllegalArgumentException("fromRevision must not be negative: " + fromRevision);
		}
		return this.watches.start(keyOrPrefix, prefix, fromRevision, Objects.requireNonNull(listener, "listener"));
	}

	private static void checkOp(Op op) {
		if (op instanceof Op.Put put) {
			KeyRules.writable(KeyRules.key(put.key()));
			KeyRules.value(put.key(), put.value());
		}
		else if (op instanceof Op.Delete delete) {
			KeyRules.writable(delete.prefix() ? KeyRules.prefix(delete.key()) : KeyRules.key(delete.key()));
		}
	}

	private static long ttl(PutOptions options) {
		return (options.ttl() != null) ? Math.max(1, InputRules.millis("ttl", options.ttl())) : 0;
	}

	private static KeyValue entry(String key, Result result) {
		check(key, result);
		return ((Result.Entry) result).entry();
	}

	private static void check(String key, Result result) {
		if (result instanceof Result.Failed failed) {
			if (failed.code() == ErrorCode.VERSION_CONFLICT) {
				throw new VersionConflictException(key, failed.expected(), failed.actual());
			}
			throw EmbeddedCoordination.failure(key, failed);
		}
	}

}
