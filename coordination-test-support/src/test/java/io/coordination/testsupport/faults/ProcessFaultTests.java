package io.coordination.testsupport.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.coordination.testsupport.TestTimeouts;
import io.coordination.testsupport.process.FencedFile;
import io.coordination.testsupport.process.NodeProcess;
import io.coordination.testsupport.process.ProcessCluster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults on real processes: a 3-voter cluster of JVMs on 127.0.0.1 and client-member processes holding locks.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProcessFaultTests {

	static final Duration SESSION_TIMEOUT = Duration.ofSeconds(5);

	static final List<String> JVM = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

	private static ProcessCluster cluster;

	@BeforeAll
	static void startCluster() {
		cluster = new ProcessCluster(3, SESSION_TIMEOUT, JVM).start();
	}

	@AfterAll
	static void stopCluster() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	@Order(1)
	void killedHolderIsReplacedByAWaiterWithAHigherTokenAfterTheSessionTimeout() {
		NodeProcess holder = cluster.startClient("holder-a");
		NodeProcess waiter = cluster.startClient("waiter-a");
		long held = token(holder.call("lock killed 0", timeout(30), "GRANTED", "BUSY"));
		waiter.send("lock killed 120000");
		long killedAt = System.nanoTime();
		holder.kill();
		long granted = token(waiter.expect("GRANTED killed", timeout(60)));
		Duration handover = Duration.ofNanos(System.nanoTime() - killedAt);
		assertThat(granted).isGreaterThan(held);
		assertThat(handover).as("granted once the holder's session expired")
			.isGreaterThanOrEqualTo(SESSION_TIMEOUT.dividedBy(3))
			.isLessThan(SESSION_TIMEOUT.plus(timeout(30)));
		waiter.call("unlock killed", timeout(30), "RELEASED");
	}

	@Test
	@Order(2)
	void pausedHolderLearnsItLostTheLockAndItsTokenIsRefused() {
		NodeProcess holder = cluster.startClient("holder-b");
		NodeProcess waiter = cluster.startClient("waiter-b");
		Path file = cluster.directory().resolve("fenced-b");
		long held = token(holder.call("lock paused 0", timeout(30), "GRANTED", "BUSY"));
		assertThat(holder.call("fenced-write " + file + " paused", timeout(30), "WRITE-OK", "WRITE-REJECTED"))
			.startsWith("WRITE-OK");
		waiter.send("lock paused 120000");

		holder.pause();
		try {
			long granted = token(waiter.expect("GRANTED paused", timeout(60)));
			assertThat(granted).isGreaterThan(held);
			assertThat(waiter.call("fenced-write " + file + " paused", timeout(30), "WRITE-OK", "WRITE-REJECTED"))
				.isEqualTo("WRITE-OK " + granted);
		}
		finally {
			holder.resume();
		}

		assertThat(holder.expect("LOST paused", timeout(30))).isEqualTo("LOST paused " + held + " SESSION_EXPIRED");
		assertThat(holder.call("check paused", timeout(30), "VALID")).isEqualTo("VALID paused false");
		assertThat(holder.call("fenced-write " + file + " paused", timeout(30), "WRITE-OK", "WRITE-REJECTED"))
			.startsWith("WRITE-REJECTED " + held);
		assertThat(new FencedFile(file).records()).extracting((r) -> Long.parseLong(r.split(" ")[0]))
			.isSorted()
			.hasSize(2);
		waiter.call("unlock paused", timeout(30), "RELEASED");
	}

	@Test
	@Order(3)
	void lockOperationsResumeAfterTheRaftLeaderIsKilledWithoutLosingOrDuplicatingGrants() {
		NodeProcess worker = cluster.startClient("worker-c");
		long held = token(worker.call("lock survivor 0", timeout(30), "GRANTED", "BUSY"));
		List<Long> tokens = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			tokens.add(token(worker.call("lock churn 10000", timeout(30), "GRANTED", "BUSY")));
			worker.call("unlock churn", timeout(30), "RELEASED");
		}
		int leader = cluster.leaderIndex();
		cluster.voter(leader).kill();
		for (int i = 0; i < 10; i++) {
			tokens.add(token(worker.call("lock churn 30000", timeout(60), "GRANTED", "BUSY")));
			worker.call("unlock churn", timeout(60), "RELEASED");
		}
		assertThat(tokens).doesNotHaveDuplicates().isSorted();
		assertThat(worker.call("info survivor", timeout(30), "INFO")).isEqualTo("INFO survivor worker-c " + held + " 1");
		assertThat(worker.call("check survivor", timeout(30), "VALID")).isEqualTo("VALID survivor true");
		assertThat(worker.call("info churn", timeout(30), "INFO")).isEqualTo("INFO churn free");
		assertThat(cluster.leaderIndex()).isNotEqualTo(leader);
		cluster.relaunchVoter(leader).expect("READY", timeout(120));
	}

	static long token(String line) {
		assertThat(line).startsWith("GRANTED");
		String[] words = line.split(" ");
		return Long.parseLong(words[2]);
	}

	static Duration timeout(long seconds) {
		return TestTimeouts.seconds(seconds);
	}

}
