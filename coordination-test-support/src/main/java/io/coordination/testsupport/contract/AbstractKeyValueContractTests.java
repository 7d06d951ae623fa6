package io.coordination.testsupport.contract;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.coordination.Coordination;
import io.coordination.kv.Compare;
import io.coordination.kv.CompactedRevisionException;
import io.coordination.kv.KeyValue;
import io.coordination.kv.KeyValueEvent;
import io.coordination.kv.KeyValueStore;
import io.coordination.kv.KeyValueWatch;
import io.coordination.kv.Op;
import io.coordination.kv.PutOptions;
import io.coordination.kv.ReadConsistency;
import io.coordination.kv.Txn;
import io.coordination.kv.TxnResult;
import io.coordination.kv.VersionConflictException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What every implementation's key-value store does.
 */
public abstract class AbstractKeyValueContractTests extends AbstractContractTests {

	private KeyValueStore kv(int client) {
		return client(client).keyValue();
	}

	@Test
	void writesGetIncreasingRevisionsAndKeysCountVersions() {
		String key = "/" + name("k");
		KeyValue first = kv(0).put(key, "1");
		KeyValue second = kv(1).put(key, "2");
		assertThat(second.modRevision()).isGreaterThan(first.modRevision());
		assertThat(second.createRevision()).isEqualTo(first.createRevision());
		assertThat(second.version()).isEqualTo(2);
		assertThat(kv(2).get(key)).hasValueSatisfying((kv) -> assertThat(kv.valueAsString()).isEqualTo("2"));
		assertThat(kv(2).revision()).isGreaterThanOrEqualTo(second.modRevision());
		assertThat(kv(0).get("/" + name("absent"))).isEmpty();
	}

	@Test
	void conditionalWritesAndDeletesCheckTheVersion() {
		String key = "/" + name("k");
		kv(0).put(key, bytes("1"), PutOptions.ifVersion(0));
		assertThatThrownBy(() -> kv(1).put(key, bytes("x"), PutOptions.ifVersion(0)))
			.isInstanceOfSatisfying(VersionConflictException.class, (ex) -> {
				assertThat(ex.key()).isEqualTo(key);
				assertThat(ex.actual()).isEqualTo(1);
			});
		assertThat(kv(1).put(key, bytes("2"), PutOptions.ifVersion(1)).version()).isEqualTo(2);
		assertThatThrownBy(() -> kv(0).delete(key, 1)).isInstanceOf(VersionConflictException.class);
		assertThat(kv(0).delete(key, 2)).isTrue();
		assertThat(kv(0).delete(key)).isFalse();
	}

	@Test
	void listsAndRangesInKeyOrder() {
		String base = "/" + name("tree");
		kv(0).put(base + "/b", "2");
		kv(0).put(base + "/a", "1");
		kv(0).put(base + "/c/d", "3");
		kv(0).put(base + "x", "outside");
		assertThat(kv(1).list(base + "/")).extracting(KeyValue::key)
			.containsExactly(base + "/a", base + "/b", base + "/c/d");
		assertThat(kv(1).range(base + "/a", base + "/c", 10, ReadConsistency.LINEARIZABLE)).extracting(KeyValue::key)
			.containsExactly(base + "/a", base + "/b");
		assertThat(kv(1).deletePrefix(base + "/")).isEqualTo(3);
		assertThat(kv(1).list(base + "/")).isEmpty();
		await().atMost(seconds(10))
			.untilAsserted(() -> assertThat(kv(2).get(base + "x", ReadConsistency.SEQUENTIAL)).isPresent());
	}

	@Test
	void sequentialKeysAreNumberedInOrder() {
		String prefix = "/" + name("queue") + "/job-";
		KeyValue first = kv(0).createSequential(prefix, bytes("a"), PutOptions.DEFAULT);
		KeyValue second = kv(1).createSequential(prefix, bytes("b"), PutOptions.DEFAULT);
		assertThat(first.key()).isEqualTo(prefix + "0000000001");
		assertThat(second.key()).isEqualTo(prefix + "0000000002");
	}

	@Test
	void ttlKeysExpireUnlessRefreshed() {
		String key = "/" + name("ttl");
		KeyValue written = kv(0).put(key, bytes("v"), PutOptions.withTtl(Duration.ofSeconds(2)));
		assertThat(written.expiresAt()).isNotNull();
		assertThat(kv(0).refresh(key)).isTrue();
		await().atMost(seconds(30)).until(() -> kv(1).get(key).isEmpty());
		assertThat(kv(0).refresh(key)).isFalse();
	}

	@Test
	void sessionBoundKeysGoWhenTheirClientCloses() {
		String key = "/" + name("eph");
		Coordination owner = open();
		KeyValue written = owner.keyValue().put(key, bytes("here"), PutOptions.ephemeralKey());
		assertThat(written.ownerSession()).isEqualTo(owner.session().id());
		owner.close();
		assertThat(kv(1).get(key)).isEmpty();
	}

	@Test
	void transactionsRunOneBranchAtomically() {
		String a = "/" + name("a");
		String b = "/" + name("b");
		kv(0).put(a, "10");
		TxnResult moved = kv(1).commit(Txn.builder()
			.when(Compare.value(a, "10"), Compare.absent(b))
			.then(Op.put(a, "0"), Op.put(b, "10"))
			.otherwise(Op.get(a, false))
			.build());
		assertThat(moved.succeeded()).isTrue();
		assertThat(kv(2).get(a).orElseThrow().modRevision()).isEqualTo(moved.revision());
		assertThat(kv(2).get(b).orElseThrow().modRevision()).isEqualTo(moved.revision());
		TxnResult again = kv(1).commit(Txn.builder().when(Compare.value(a, "10")).then(Op.delete(a))
			.otherwise(Op.get(a, false)).build());
		assertThat(again.succeeded()).isFalse();
		assertThat(again.results().get(0).entries().get(0).valueAsString()).isEqualTo("0");
	}

	@Test
	void watchesDeliverEveryChangeFromARevisionInOrderOnce() {
		String base = "/" + name("watched") + "/";
		long from = kv(0).put(base + "before", "0").modRevision();
		List<KeyValueEvent> seen = new CopyOnWriteArrayList<>();
		try (KeyValueWatch watch = kv(1).watch(base, true, from, seen::addAll)) {
			for (int i = 1; i <= 20; i++) {
				kv(i % 3).put(base + "k" + (i % 4), String.valueOf(i));
			}
			kv(2).delete(base + "k1");
			await().atMost(seconds(20)).until(() -> seen.size() == 22);
			assertThat(seen.get(0).key()).isEqualTo(base + "before");
			assertThat(seen).extracting(KeyValueEvent::revision).isSorted().doesNotHaveDuplicates();
			assertThat(seen.get(21).type()).isEqualTo(KeyValueEvent.Type.DELETE);
			assertThat(watch.lastRevision()).isEqualTo(seen.get(21).revision());
		}
	}

	@Test
	void aSingleKeyWatchIgnoresOtherKeys() {
		String key = "/" + name("one");
		List<KeyValueEvent> seen = new CopyOnWriteArrayList<>();
		try (KeyValueWatch watch = kv(1).watch(key, false, 0, seen::addAll)) {
			kv(0).put(key + "-other", "x");
			kv(0).put(key, "y");
			await().atMost(seconds(20)).until(() -> seen.size() == 1);
			assertThat(seen.get(0).entry().valueAsString()).isEqualTo("y");
		}
	}

	@Test
	void watchingFromACompactedRevisionFailsClearlyOrSucceeds() {
		long current = kv(0).revision();
		if (current > KeyValueStore.HISTORY_EVENTS + 1) {
			assertThatThrownBy(() -> kv(0).watch("/", true, 1, (events) -> {
			})).isInstanceOf(CompactedRevisionException.class).hasMessageContaining("re-read");
		}
		else {
			try (KeyValueWatch watch = kv(0).watch("/", true, 1, (events) -> {
			})) {
				assertThat(watch.lastRevision()).isGreaterThanOrEqualTo(current);
			}
		}
	}

	@Test
	void rejectsBadInputWithoutChangingAnything() {
		long before = kv(0).revision();
		assertThatIllegalArgumentException().isThrownBy(() -> kv(0).put("no-slash", "v")).withMessageContaining("'/'");
		assertThatIllegalArgumentException().isThrownBy(() -> kv(0).put("/a//b", "v"))
			.withMessageContaining("segments");
		assertThatIllegalArgumentException().isThrownBy(() -> kv(0).put("/a/../b", "v"))
			.withMessageContaining("'..'");
		assertThatIllegalArgumentException().isThrownBy(() -> kv(0).put("/" + "x".repeat(600), "v"))
			.withMessageContaining("512");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> kv(0).put("/" + name("big"), new byte[KeyValueStore.MAX_VALUE_BYTES + 1], PutOptions.DEFAULT))
			.withMessageContaining("262145 bytes");
		assertThatIllegalArgumentException().isThrownBy(() -> kv(0).put("/_config/x", "v"))
			.withMessageContaining("reserved");
		assertThatIllegalArgumentException().isThrownBy(() -> PutOptions.withTtl(Duration.ofSeconds(-1)))
			.withMessageContaining("ttl must be positive");
		assertThat(kv(0).revision()).isEqualTo(before);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
