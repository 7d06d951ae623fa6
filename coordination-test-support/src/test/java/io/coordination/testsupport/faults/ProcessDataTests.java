package io.coordination.testsupport.faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.coordination.Coordination;
import io.coordination.config.ConfigChange;
import io.coordination.config.ConfigFormat;
import io.coordination.config.ConfigValidationException;
import io.coordination.config.Rollout;
import io.coordination.core.CoordinationNode;
import io.coordination.discovery.ServiceInstance;
import io.coordination.testsupport.cluster.FreePorts;
import io.coordination.testsupport.process.NodeProcess;
import io.coordination.testsupport.process.ProcessCluster;

import static io.coordination.testsupport.faults.ProcessFaultTests.JVM;
import static io.coordination.testsupport.faults.ProcessFaultTests.timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Key-value watches, discovery and configuration on a 3-voter cluster of JVMs, with this JVM as a client member.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProcessDataTests {

	private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(5);

	private static ProcessCluster cluster;

	private static CoordinationNode client;

	@BeforeAll
	static void start() {
		cluster = new ProcessCluster(3, SESSION_TIMEOUT, JVM).start();
		client = CoordinationNode.builder()
			.memberId("test-client")
			.host("127.0.0.1")
			.port(FreePorts.next())
			.members(cluster.members())
			.sessionTimeout(SESSION_TIMEOUT)
			.build()
			.start();
	}

	@AfterAll
	static void stop() {
		if (client != null) {
			client.close();
		}
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	@Order(1)
	void aConfigChangeRejectedByItsSchemaLeavesThePreviousVersionEffective() {
		Coordination coordination = client.coordination();
		coordination.config().configure("orders", "prod",
				"{\"type\":\"object\",\"properties\":{\"pool\":{\"type\":\"object\",\"properties\":"
						+ "{\"size\":{\"type\":\"integer\",\"minimum\":1}}}}}", 20);
		coordination.config().apply(change("pool.size=10"));
		assertThatThrownBy(() -> coordination.config().apply(change("pool.size=0")))
			.isInstanceOf(ConfigValidationException.class)
			.hasMessageContaining("pool.size");
		NodeProcess observer = cluster.voter(0);
		assertThat(coordination.config().effective("orders", "prod", "any", Map.of()).orElseThrow().content())
			.isEqualTo("pool.size=10");
		assertThat(observer.isAlive()).isTrue();
	}

	@Test
	@Order(2)
	void stagedRolloutAtHalfHitsAboutHalfOfAHundredInstancesAndPromotionReachesAll() {
		Coordination coordination = client.coordination();
		coordination.config().apply(ConfigChange.of("rollout", "default", ConfigFormat.PROPERTIES, "v=1", "ci", "v1"));
		coordination.config()
			.stage(List.of(ConfigChange.of("rollout", "default", ConfigFormat.PROPERTIES, "v=2", "ci", "v2")),
					Rollout.percentage(50));
		List<String> instances = IntStream.range(0, 100).mapToObj((i) -> "pod-" + i).toList();
		long targeted = instances.stream()
			.filter((id) -> coordination.config().effective("rollout", "default", id, Map.of()).orElseThrow().version() == 2)
			.count();
		assertThat(targeted).isBetween(40L, 60L);
		coordination.config().promote("rollout", "default", "ci");
		assertThat(instances).allSatisfy((id) -> assertThat(
				coordination.config().effective("rollout", "default", id, Map.of()).orElseThrow().version()).isEqualTo(2));
	}

	@Test
	@Order(3)
	void aKilledProcessDisappearsFromTheRegistryWithinTheSessionTimeout() {
		NodeProcess instance = cluster.startClient("instance-1");
		instance.call("register payments instance-1 9000", timeout(30), "REGISTERED");
		assertThat(client.coordination().discovery().instances("payments")).extracting(ServiceInstance::instanceId)
			.containsExactly("instance-1");
		long killedAt = System.nanoTime();
		instance.kill();
		await().atMost(SESSION_TIMEOUT.plus(timeout(20)))
			.until(() -> client.coordination().discovery().instances("payments").isEmpty());
		assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(SESSION_TIMEOUT.plus(timeout(20)));
	}

	@Test
	@Order(4)
	void aWatcherSeesEveryWriteInOrderWhileTheRaftLeaderIsKilled() {
		NodeProcess watcher = cluster.startClient("watcher");
		long start = client.coordination().keyValue().put("/stream/start", "0").modRevision();
		watcher.call("watch /stream/ " + (start + 1), timeout(30), "WATCHING");
		int writes = 60;
		for (int i = 1; i <= writes; i++) {
			if (i == writes / 2) {
				cluster.voter(cluster.leaderIndex()).kill();
			}
			client.coordination().keyValue().put("/stream/item", String.valueOf(i));
		}
		for (int i = 1; i <= writes; i++) {
			String expected = "/stream/item " + i;
			assertThat(watcher.expect((line) -> line.startsWith("KV "), timeout(60))).endsWith(expected);
		}
		assertThat(watcher.output().stream().filter((line) -> line.startsWith("KV ")).count()).isEqualTo(writes);
		for (int i = 0; i < cluster.size(); i++) {
			if (!cluster.voter(i).isAlive()) {
				cluster.relaunchVoter(i).expect("READY", timeout(120));
			}
		}
	}

	@Test
	@Order(5)
	void aWatcherWhoseSessionExpiredResumesWithoutLosingOrRepeatingChanges() {
		NodeProcess watcher = cluster.startClient("paused-watcher");
		long start = client.coordination().keyValue().put("/paused/start", "0").modRevision();
		watcher.call("watch /paused/ " + (start + 1), timeout(30), "WATCHING");
		client.coordination().keyValue().put("/paused/item", "1");
		assertThat(watcher.expect("KV ", timeout(30))).endsWith("/paused/item 1");
		watcher.pause();
		try {
			for (int i = 2; i <= 10; i++) {
				if (i == 6) {
					// events after this come from a new leader, which never sends them to the expired session:
					// the watcher can only get them by resuming from its last revision in a new session
					cluster.voter(cluster.leaderIndex()).kill();
				}
				client.coordination().keyValue().put("/paused/item", String.valueOf(i));
			}
			await().pollDelay(SESSION_TIMEOUT.plusSeconds(3)).atMost(SESSION_TIMEOUT.plus(timeout(10))).until(() -> true);
		}
		finally {
			watcher.resume();
		}
		await().atMost(timeout(30)).until(() -> watcher.output()
			.stream()
			.anyMatch((line) -> line.startsWith("SESSION ") && line.endsWith("EXPIRED")));
		client.coordination().keyValue().put("/paused/item", "11");
		await().atMost(timeout(60))
			.until(() -> watcher.output().stream().anyMatch((line) -> line.endsWith("/paused/item 11")));
		assertThat(watcher.output().stream().filter((line) -> line.startsWith("KV ")).map((line) -> line.split(" ")[4]))
			.containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11");
		for (int i = 0; i < cluster.size(); i++) {
			if (!cluster.voter(i).isAlive()) {
				cluster.relaunchVoter(i).expect("READY", timeout(120));
			}
		}
		assertThat(watcher.output().stream().filter((line) -> line.startsWith("KV ")).count()).isEqualTo(11);
	}

	private static ConfigChange change(String content) {
		return ConfigChange.of("orders", "prod", ConfigFormat.PROPERTIES, content, "ci", "change");
	}

}
