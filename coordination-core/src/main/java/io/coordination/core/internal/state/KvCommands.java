package io.coordination.core.internal.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.coordination.InputRules;
import io.coordination.core.internal.protocol.Command;
import io.coordination.core.internal.protocol.ErrorCode;
import io.coordination.core.internal.protocol.KeyList;
import io.coordination.core.internal.protocol.Query;
import io.coordination.core.internal.protocol.Result;
import io.coordination.kv.Compare;
import io.coordination.kv.KeyRules;
import io.coordination.kv.KeyValue;
import io.coordination.kv.KeyValueEvent;
import io.coordination.kv.Op;
import io.coordination.kv.PutOptions;
import io.coordination.kv.Txn;
import io.coordination.kv.TxnResult;

/**
 * The key-value commands clients send: validated completely before anything changes, reserved keys refused.
 */
final class KvCommands {

	/** Digits of a sequential key's number. */
	static final int SEQUENCE_DIGITS = 10;

	/** Most entries one range read returns. */
	static final int MAX_RANGE = 10_000;

	private final KvStore store;

	KvCommands(KvStore store) {
		this.store = store;
	}

	Result put(long session, Command.KvPut command) {
		String key = KeyRules.writable(KeyRules.key(command.key()));
		byte[] value = KeyRules.value(key, command.value());
		long ttl = ttl(command.ttlMillis());
		Result conflict = checkVersion(key, command.expectedVersion());
		if (conflict != null) {
			return conflict;
		}
		KvStore.Write write = this.store.begin();
		KeyValue written = write.put(key, value, ttl, command.ephemeral() ? session : 0);
		write.commit();
		return new Result.Entry(written);
	}

	Result delete(Command.KvDelete command) {
		if (command.prefix()) {
			String prefix = KeyRules.writable(KeyRules.prefix(command.key()));
			if (prefix.equals("/")) {
				throw new IllegalArgumentException("Deleting every key ('/') is not allowed; name a narrower prefix");
			}
			KvStore.Write write = this.store.begin();
			int count = write.deletePrefix(prefix).size();
			write.commit();
			return new Result.Count(count);
		}
		String key = KeyRules.writable(KeyRules.key(command.key()));
		Result conflict = checkVersion(key, command.expectedVersion());
		if (conflict != null) {
			return conflict;
		}
		KvStore.Write write = this.store.begin();
		boolean deleted = write.delete(key) != null;
		write.commit();
		return deleted ? Result.DONE : Result.UNCHANGED;
	}

	Result sequential(long session, Command.KvSequential command) {
		String prefix = KeyRules.writable(KeyRules.prefix(command.prefix()));
		KeyRules.key(prefix + "0".repeat(SEQUENCE_DIGITS));
		byte[] value = KeyRules.value(prefix, command.value());
		long ttl = ttl(command.ttlMillis());
		KvStore.Write write = this.store.begin();
		String key = prefix + String.format("%0" + SEQUENCE_DIGITS + "d", write.nextSequence(prefix));
		KeyValue written = write.put(key, value, ttl, command.ephemeral() ? session : 0);
		write.commit();
		return new Result.Entry(written);
	}

	Result refresh(Command.KvRefresh command) {
		return this.store.refresh(KeyRules.key(command.key())) ? Result.DONE : Result.UNCHANGED;
	}

	Result txn(long session, Command.KvTxn command) {
		Txn txn = new Txn(command.compares(), command.then(), command.otherwise());
		for (Compare compare : txn.compares()) {
			KeyRules.key(compare.key());
		}
		validate(txn.then());
		validate(txn.otherwise());
		boolean succeeded = true;
		for (Compare compare : txn.compares()) {
			succeeded &= holds(compare, this.store.get(compare.key()));
		}
		List<Op> ops = succeeded ? txn.then() : txn.otherwise();
		KvStore.Write write = this.store.begin();
		List<List<KeyValue>> outcomes = new ArrayList<>();
		for (Op op : ops) {
			if (op instanceof Op.Put put) {
				long ttl = InputRules.millis("ttl", put.options().ttl());
				outcomes.add(List.of(write.put(put.key(), put.value(), ttl, put.options().ephemeral() ? session : 0)));
			}
			else if (op instanceof Op.Delete delete) {
				if (delete.prefix()) {
					outcomes.add(write.deletePrefix(delete.key()));
				}
				else {
					KeyValue previous = write.delete(delete.key());
					outcomes.add((previous != null) ? List.of(previous) : List.of());
				}
			}
			else if (op instanceof Op.Get get) {
				outcomes.add(get.prefix() ? this.store.list(get.key()) : optional(this.store.get(get.key())));
			}
		}
		long revision = write.commit();
		List<TxnResult.OpResult> results = new ArrayList<>();
		for (List<KeyValue> outcome : outcomes) {
			results.add(new TxnResult.OpResult(outcome));
		}
		return new Result.Txn(new TxnResult(succeeded, revision, results));
	}

	Result watch(long session, Command.KvWatch command) {
		String key = command.prefix() ? KeyRules.prefix(command.key()) : KeyRules.key(command.key());
		if (command.fromRevision() < 0) {
			throw new IllegalArgumentException("fromRevision must not be negative: " + command.fromRevision());
		}
		List<KeyValueEvent> past = this.store.watch(session, command.watchId(), key, command.prefix(),
				command.fromRevision());
		if (past == null) {
			return new Result.Compacted(command.fromRevision(), this.store.compacted(), this.store.revision());
		}
		return new Result.Watching(this.store.revision(), past);
	}

	Result unwatch(long session, Command.KvUnwatch command) {
		return this.store.unwatch(session, command.watchId()) ? Result.DONE : Result.UNCHANGED;
	}

	Object query(Query query) {
		if (query instanceof Query.KvGet get) {
			return this.store.get(KeyRules.key(get.key()));
		}
		if (query instanceof Query.KvRange range) {
			int limit = Math.min(Math.max(range.limit(), 1), MAX_RANGE);
			if (range.prefix()) {
				List<KeyValue> all = this.store.list(KeyRules.prefix(range.from()));
				return new KeyList(all.subList(0, Math.min(all.size(), limit)), this.store.revision());
			}
			KeyRules.range(range.from(), range.to());
			return new KeyList(this.store.range(range.from(), range.to(), limit), this.store.revision());
		}
		return this.store.revision();
	}

	// ---- helpers

	private Result checkVersion(String key, long expectedVersion) {
		if (expectedVersion < PutOptions.ANY_VERSION) {
			throw new IllegalArgumentException("expectedVersion must be -1, 0 or a version: " + expectedVersion);
		}
		if (expectedVersion == PutOptions.ANY_VERSION) {
			return null;
		}
		KeyValue current = this.store.get(key);
		long actual = (current != null) ? current.version() : 0;
		if (actual != expectedVersion) {
			return new Result.Failed(ErrorCode.VERSION_CONFLICT, "Key '" + key + "' is at version " + actual + ", not "
					+ expectedVersion, expectedVersion, actual, null);
		}
		return null;
	}

	private static long ttl(long ttlMillis) {
		if (ttlMillis < 0) {
			throw new IllegalArgumentException("ttl must not be negative: " + ttlMillis + " ms");
		}
		return InputRules.millis("ttl", ttlMillis);
	}

	private static void validate(List<Op> ops) {
		for (Op op : ops) {
			if (op instanceof Op.Put put) {
				KeyRules.writable(KeyRules.key(put.key()));
				KeyRules.value(put.key(), put.value());
				InputRules.millis("ttl of '" + put.key() + "'", put.options().ttl());
				if (put.options().expectedVersion() != PutOptions.ANY_VERSION) {
					throw new IllegalArgumentException("A put in a transaction cannot carry a version condition ('"
							+ put.key() + "'): add a Compare instead");
				}
			}
			else if (op instanceof Op.Delete delete) {
				KeyRules.writable(delete.prefix() ? KeyRules.prefix(delete.key()) : KeyRules.key(delete.key()));
				if (delete.prefix() && delete.key().equals("/")) {
					throw new IllegalArgumentException("Deleting every key ('/') is not allowed");
				}
			}
			else if (op instanceof Op.Get get) {
				if (get.prefix()) {
					KeyRules.prefix(get.key());
				}
				else {
					KeyRules.key(get.key());
				}
			}
			else {
				throw new IllegalArgumentException("Unknown transaction operation " + op);
			}
		}
	}

	private static boolean holds(Compare compare, KeyValue current) {
		if (compare.target() == Compare.Target.VALUE) {
			byte[] actual = (current != null) ? current.value() : new byte[0];
			boolean equal = Arrays.equals(actual, compare.value());
			return switch (compare.operator()) {
				case EQUAL -> equal;
				case NOT_EQUAL -> !equal;
				case LESS -> Arrays.compare(actual, compare.value()) < 0;
				case GREATER -> Arrays.compare(actual, compare.value()) > 0;
			};
		}
		long actual = 0;
		if (current != null) {
			actual = switch (compare.target()) {
				case VERSION -> current.version();
				case MOD_REVISION -> current.modRevision();
				case CREATE_REVISION -> current.createRevision();
				case VALUE -> 0;
			};
		}
		return switch (compare.operator()) {
			case EQUAL -> actual == compare.number();
			case NOT_EQUAL -> actual != compare.number();
			case LESS -> actual < compare.number();
			case GREATER -> actual > compare.number();
		};
	}

	private static List<KeyValue> optional(KeyValue entry) {
		return (entry != null) ? List.of(entry) : List.of();
	}

}
