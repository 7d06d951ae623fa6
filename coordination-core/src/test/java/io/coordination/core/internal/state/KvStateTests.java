package io.coordination.core.internal.state;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.coordination.core.internal.protocol.Command;
import io.coordination.core.internal.protocol.ErrorCode;
import io.coordination.core.internal.protocol.Event;
import io.coordination.core.internal.protocol.KeyList;
import io.coordination.core.internal.protocol.Query;
import io.coordination.core.internal.protocol.Result;
import io.coordination.core.internal.protocol.StoreLimits;
import io.coordination.kv.Compare;
import io.coordination.kv.KeyValue;
import io.coordination.kv.KeyValueEvent;
import io.coordination.kv.Op;
import io.coordination.kv.PutOptions;
import io.coordination.kv.TxnResult;

import static org.assertj.core.api.Assertions.assertThat;

class KvStateTests {

	private final StateMachineDriver sm = new StateMachineDriver();

	@BeforeEach
	void openSessions() {
		this.sm.openSessions(3);
	}

	@Test
	void everyWriteGetsTheNextGlobalRevisionAndKeysCountTheirVersions() {
		KeyValue a = put(1, "/app/a", "1");
		KeyValue b = put(1, "/app/b", "1");
		KeyValue a2 = put(1, "/app/a", "2");
		assertThat(a.modRevision()).isEqualTo(1);
		assertThat(b.modRevision()).isEqualTo(2);
		assertThat(a2.modRevision()).isEqualTo(3);
		assertThat(a2.createRevision()).isEqualTo(1);
		assertThat(a2.version()).isEqualTo(2);
		assertThat(this.sm.query(new Query.KvRevision())).isEqualTo(3L);
		assertThat(get("/app/a").valueAsString()).isEqualTo("2");
	}

	@Test
	void compareAndSetOnVersion() {
		put(1, "/k", "1");
		Result conflict = this.sm.apply(1, new Command.KvPut("/k", bytes("x"), 5, 0, false));
		assertThat(conflict).isInstanceOfSatisfying(Result.Failed.class, (f) -> {
			assertThat(f.code()).isEqualTo(ErrorCode.VERSION_CONFLICT);
			assertThat(f.expected()).isEqualTo(5);
			assertThat(f.actual()).isEqualTo(1);
		});
		assertThat(this.sm.apply(1, new Command.KvPut("/k", bytes("2"), 1, 0, false))).isInstanceOf(Result.Entry.class);
		assertThat(this.sm.apply(1, new Command.KvPut("/new", bytes("x"), 0, 0, false))).isInstanceOf(Result.Entry.class);
		assertThat(this.sm.apply(1, new Command.KvPut("/new", bytes("y"), 0, 0, false))).isInstanceOf(Result.Failed.class);
		assertThat(get("/k").valueAsString()).isEqualTo("2");
	}

	@Test
	void transactionsApplyOneBranchAtOneRevision() {
		put(1, "/acct/a", "10");
		TxnResult ok = txn(1, new Command.KvTxn(List.of(Compare.value("/acct/a", "10"), Compare.absent("/acct/b")),
				List.of(Op.put("/acct/a", "5"), Op.put("/acct/b", "5"), Op.get("/acct/", true)),
				List.of(Op.get("/acct/a", false))));
		assertThat(ok.succeeded()).isTrue();
		assertThat(ok.results().get(0).entries().get(0).modRevision()).isEqualTo(ok.revision());
		assertThat(ok.results().get(1).entries().get(0).modRevision()).isEqualTo(ok.revision());
		assertThat(ok.results().get(2).entries()).hasSize(2);

		TxnResult failed = txn(1, new Command.KvTxn(List.of(Compare.value("/acct/a", "10")),
				List.of(Op.delete("/acct/a")), List.of(Op.get("/acct/a", false))));
		assertThat(failed.succeeded()).isFalse();
		assertThat(failed.revision()).isEqualTo(ok.revision());
		assertThat(failed.results().get(0).entries().get(0).valueAsString()).isEqualTo("5");
	}

	@Test
	void aTransactionWithABadOperationChangesNothing() {
		put(1, "/a", "1");
		long before = (Long) this.sm.query(new Query.KvRevision());
		Result result = this.sm.apply(1, new Command.KvTxn(List.of(), List.of(Op.put("/a", "2"), Op.put("/_config/x", "y")),
				List.of()));
		assertThat(result).isInstanceOfSatisfying(Result.Failed.class,
				(f) -> assertThat(f.message()).contains("reserved"));
		assertThat(this.sm.query(new Query.KvRevision())).isEqualTo(before);
		assertThat(get("/a").valueAsString()).isEqualTo("1");
	}

	@Test
	void ttlKeysExpireOnLogTimeUnlessRefreshed() {
		this.sm.apply(1, new Command.KvPut("/ttl", bytes("v"), -1, 5_000, false));
		this.sm.advance(4_000);
		assertThat(this.sm.apply(1, new Command.KvRefresh("/ttl"))).isEqualTo(Result.DONE);
		this.sm.advance(4_000);
		assertThat(get("/ttl")).isNotNull();
		this.sm.advance(1_000);
		assertThat(get("/ttl")).isNull();
	}

	@Test
	void sessionBoundKeysGoWithTheSessionAtOneRevision() {
		this.sm.apply(2, new Command.KvPut("/eph/a", bytes("a"), -1, 0, true));
		this.sm.apply(2, new Command.KvPut("/eph/b", bytes("b"), -1, 0, true));
		put(1, "/eph/c", "c");
		this.sm.apply(3, new Command.KvWatch(7, "/eph/", true, 0));
		this.sm.expire(2);
		assertThat(list("/eph/")).extracting(KeyValue::key).containsExactly("/eph/c");
		List<Event.KvChanged> changes = this.sm.eventsOf(3, Event.KvChanged.class);
		assertThat(changes).singleElement().satisfies((c) -> {
			assertThat(c.events()).extracting(KeyValueEvent::key).containsExactly("/eph/a", "/eph/b");
			assertThat(c.events()).extracting(KeyValueEvent::type).containsOnly(KeyValueEvent.Type.DELETE);
			assertThat(c.events()).extracting(KeyValueEvent::revision).containsOnly(c.events().get(0).revision());
		});
	}

	@Test
	void sequentialKeysAreNumberedAndNeverReused() {
		KeyValue first = entry(this.sm.apply(1, new Command.KvSequential("/queue/job-", bytes("a"), 0, false)));
		this.sm.apply(1, new Command.KvDelete(first.key(), -1, false));
		KeyValue second = entry(this.sm.apply(1, new Command.KvSequential("/queue/job-", bytes("b"), 0, false)));
		assertThat(first.key()).isEqualTo("/queue/job-0000000001");
		assertThat(second.key()).isEqualTo("/queue/job-0000000002");
	}

	@Test
	void watchesReplayHistoryFromARevisionThenDeliverLiveChanges() {
		put(1, "/w/a", "1");
		long from = put(1, "/w/b", "1").modRevision();
		put(1, "/other", "x");
		put(1, "/w/a", "2");
		Result started = this.sm.apply(2, new Command.KvWatch(1, "/w/", true, from));
		assertThat(started).isInstanceOfSatisfying(Result.Watching.class, (w) -> {
			assertThat(w.past()).extracting(KeyValueEvent::key).containsExactly("/w/b", "/w/a");
			assertThat(w.revision()).isEqualTo(4);
		});
		put(1, "/w/c", "1");
		put(1, "/elsewhere", "1");
		assertThat(this.sm.eventsOf(2, Event.KvChanged.class)).singleElement()
			.satisfies((c) -> assertThat(c.events().get(0).key()).isEqualTo("/w/c"));
		assertThat(this.sm.apply(2, new Command.KvUnwatch(1))).isEqualTo(Result.DONE);
		put(1, "/w/d", "1");
		assertThat(this.sm.eventsOf(2, Event.KvChanged.class)).hasSize(1);
	}

	@Test
	void watchingFromACompactedRevisionIsAClearError() {
		StateMachineDriver small = new StateMachineDriver(new CoordinationStateMachine(3));
		small.open(1);
		for (int i = 0; i < 5; i++) {
			small.apply(1, new Command.KvPut("/k" + i, bytes("v"), -1, 0, false));
		}
		Result result = small.apply(1, new Command.KvWatch(1, "/", true, 1));
		assertThat(result).isEqualTo(new Result.Compacted(1, 2, 5));
		assertThat(small.apply(1, new Command.KvWatch(2, "/", true, 3))).isInstanceOf(Result.Watching.class);
	}

	/**
	 * One writer used to fill every voter's heap: the history kept 10,000 whole values of up to 256 KiB each.
	 */
	@Test
	void theHistoryIsBoundedInBytesAndResumesOrSaysCompacted() {
		this.sm.machine.limits(new StoreLimits(64L * 1024 * 1024, 1024 * 1024));
		byte[] big = new byte[200 * 1024];
		for (int i = 0; i < 20; i++) {
			this.sm.apply(1, new Command.KvPut("/big", big, -1, 0, false));
		}
		assertThat(this.sm.machine.kvHistoryBytes()).isLessThanOrEqualTo(1024 * 1024);
		assertThat(this.sm.apply(1, new Command.KvWatch(1, "/big", false, 1))).isInstanceOf(Result.Compacted.class);
		assertThat(this.sm.apply(1, new Command.KvWatch(2, "/big", false, 20))).isInstanceOfSatisfying(
				Result.Watching.class, (w) -> assertThat(w.past()).singleElement()
					.satisfies((e) -> assertThat(e.revision()).isEqualTo(20)));
	}

	@Test
	void writesBeyondTheStoreBudgetAreRefusedWithNothingChanged() {
		this.sm.machine.limits(new StoreLimits(1024 * 1024, 1024 * 1024));
		byte[] value = new byte[200 * 1024];
		for (int i = 0; i < 5; i++) {
			assertThat(this.sm.apply(1, new Command.KvPut("/q/" + i, value, -1, 0, false)))
				.isInstanceOf(Result.Entry.class);
		}
		long revision = (long) this.sm.query(new Query.KvRevision());
		Command.KvTxn txn = new Command.KvTxn(List.of(),
				List.of(new Op.Put("/q/0", new byte[10], PutOptions.DEFAULT), new Op.Put("/q/new", value, PutOptions.DEFAULT),
						new Op.Put("/q/new-2", value, PutOptions.DEFAULT)),
				List.of());
		assertThat(this.sm.apply(1, txn)).isInstanceOfSatisfying(Result.Failed.class, (f) -> {
			assertThat(f.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
			assertThat(f.message()).contains("key-value store is full").contains("coordination.kv.max-bytes");
		});
		// nothing of the transaction happened: /q/0 keeps its value, /q/new does not exist, no revision was used
		assertThat(((KeyValue) this.sm.query(new Query.KvGet("/q/0"))).value()).hasSize(200 * 1024);
		assertThat(this.sm.query(new Query.KvGet("/q/new"))).isNull();
		assertThat(this.sm.query(new Query.KvGet("/q/new-2"))).isNull();
		assertThat(this.sm.query(new Query.KvRevision())).isEqualTo(revision);
		// shrinking and deleting still work above the budget, and make room again
		assertThat(this.sm.apply(1, new Command.KvPut("/q/1", new byte[1], -1, 0, false)))
			.isInstanceOf(Result.Entry.class);
		assertThat(this.sm.apply(1, new Command.KvPut("/q/new", value, -1, 0, false)))
			.isInstanceOf(Result.Entry.class);
	}

	@Test
	void badKeysAndValuesAreRefusedWithoutAnyChange() {
		assertInvalid(new Command.KvPut("", bytes("v"), -1, 0, false), "must start with '/'");
		assertInvalid(new Command.KvPut("/a//b", bytes("v"), -1, 0, false), "empty, '.' or '..' segments");
		assertInvalid(new Command.KvPut("/a/../b", bytes("v"), -1, 0, false), "'..'");
		assertInvalid(new Command.KvPut("/a/", bytes("v"), -1, 0, false), "not end with '/'");
		assertInvalid(new Command.KvPut("/a\u0001", bytes("v"), -1, 0, false), "control characters");
		assertInvalid(new Command.KvPut("/" + "x".repeat(600), bytes("v"), -1, 0, false), "more than 512");
		assertInvalid(new Command.KvPut("/big", new byte[256 * 1024 + 1], -1, 0, false), "more than 262144");
		assertInvalid(new Command.KvPut("/neg", bytes("v"), -1, -5, false), "ttl must not be negative");
		assertInvalid(new Command.KvPut("/_services/x", bytes("v"), -1, 0, false), "reserved");
		assertInvalid(new Command.KvDelete("/", -1, true), "not allowed");
		assertThat(this.sm.query(new Query.KvRevision())).isEqualTo(0L);
	}

	private void assertInvalid(Command command, String message) {
		assertThat(this.sm.apply(1, command)).isInstanceOfSatisfying(Result.Failed.class, (f) -> {
			assertThat(f.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
			assertThat(f.message()).contains(message);
		});
	}

	private KeyValue put(long session, String key, String value) {
		return entry(this.sm.apply(session, new Command.KvPut(key, bytes(value), -1, 0, false)));
	}

	private TxnResult txn(long session, Command.KvTxn txn) {
		Result result = this.sm.apply(session, txn);
		assertThat(result).isInstanceOf(Result.Txn.class);
		return ((Result.Txn) result).result();
	}

	private KeyValue get(String key) {
		return (KeyValue) this.sm.query(new Query.KvGet(key));
	}

	private List<KeyValue> list(String prefix) {
		return ((KeyList) this.sm.query(new Query.KvRange(prefix, null, true, 100))).entries();
	}

	static KeyValue entry(Result result) {
		assertThat(result).isInstanceOf(Result.Entry.class);
		return ((Result.Entry) result).entry();
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
