package io.coordination.testsupport.faults;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.coordination.testsupport.process.NodeProcess;
import io.coordination.testsupport.process.ProcessCluster;

import static io.coordination.testsupport.faults.ProcessFaultTests.JVM;
import static io.coordination.testsupport.faults.ProcessFaultTests.timeout;
import static io.coordination.testsupport.faults.ProcessFaultTests.token;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every voter is killed at once (SIGKILL, no clean shutdown) and restarted on its data directory: every acknowledged
 * grant and term is still there, and a client that kept its session still holds its lock. A killed process keeps its
 * writes in the operating system's page cache; {@link PowerLossTests} takes those back as a power cut would.
 */
class ProcessRestartDurabilityTests {

	@Test
	void acknowledgedGrantsAndTermsSurviveAFullClusterCrash() {
		try (ProcessCluster cluster = new ProcessCluster(3, Duration.ofSeconds(30), JVM).start()) {
			NodeProcess client = cluster.startClient("durable");
			long held = token(client.call("lock kept 0", timeout(30), "GRANTED", "BUSY"));
			long last = held;
			for (int i = 0; i < 5; i++) {
				last = token(client.call("lock churn 10000", timeout(30), "GRANTED", "BUSY"));
				client.call("unlock churn", timeout(30), "RELEASED");
			}
			client.call("join leaders", timeout(30), "JOINED");
			String elected = client.expect("ELECTED leaders", timeout(30));
			long term = Long.parseLong(elected.split(" ")[3]);

			for (int i = 0; i < cluster.size(); i++) {
				cluster.voter(i).kill();
			}
			for (int i = 0; i < cluster.size(); i++) {
				cluster.relaunchVoter(i);
			}
			for (int i = 0; i < cluster.size(); i++) {
				cluster.voter(i).expect("READY", timeout(150));
			}

			NodeProcess observer = cluster.startClient("observer");
			assertThat(observer.call("info kept", timeout(60), "INFO")).isEqualTo("INFO kept durable " + held + " 1");
			assertThat(observer.call("leader leaders", timeout(60), "LEADER-IS"))
				.isEqualTo("LEADER-IS leaders durable " + term);
			assertThat(client.call("check kept", timeout(60), "VALID")).isEqualTo("VALID kept true");
			long after = token(observer.call("lock churn 10000", timeout(60), "GRANTED", "BUSY"));
			assertThat(after).isGreaterThan(last).isGreaterThan(term);
		}
	}

}
