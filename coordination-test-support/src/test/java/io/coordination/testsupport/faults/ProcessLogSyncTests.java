package io.coordination.testsupport.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

import io.coordination.testsupport.process.NodeProcess;
import io.coordination.testsupport.process.ProcessCluster;

import static io.coordination.testsupport.faults.ProcessFaultTests.JVM;
import static io.coordination.testsupport.faults.ProcessFaultTests.timeout;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every write a client sees acknowledged was synced to disk on a majority of the voters first, observed as an operator
 * would: each voter process records the JDK's {@code jdk.FileForce} events (every {@code FileChannel.force}) while a
 * client member writes one key at a time, and each acknowledgement is matched against syncs of the coordination log
 * that began after the write was sent and ended before it was acknowledged.
 */
class ProcessLogSyncTests {

	private static final int WRITES = 60;

	@Test
	void everyAcknowledgedWriteWasSyncedOnAMajorityBeforeItsAcknowledgement() throws IOException {
		try (ProcessCluster cluster = new ProcessCluster(3, Duration.ofSeconds(10), JVM).start()) {
			List<Path> recordings = new ArrayList<>();
			for (int i = 0; i < cluster.size(); i++) {
				Path recording = cluster.directory().resolve("voter-" + (i + 1) + "-syncs.jfr");
				cluster.voter(i).call("record-syncs " + recording, timeout(30), "RECORDING");
				recordings.add(recording);
			}
			NodeProcess writer = cluster.startClient("writer");
			List<Write> writes = new ArrayList<>();
			writer.send("puts /durability/ " + WRITES);
			for (int i = 0; i < WRITES; i++) {
				String[] words = writer.expect("PUT-TIMED", timeout(60)).split(" ");
				writes.add(new Write(words[1], instant(words[3]), instant(words[4])));
			}
			writer.expect("PUTS-DONE", timeout(60));
			List<List<Force>> forcesByVoter = new ArrayList<>();
			for (int i = 0; i < cluster.size(); i++) {
				cluster.voter(i).call("stop-recording", timeout(30), "RECORDED");
				forcesByVoter.add(logForces(recordings.get(i), cluster.voterDataDirectory(i)));
			}

			for (Write write : writes) {
				long votersSynced = forcesByVoter.stream()
					.filter((forces) -> forces.stream().anyMatch((force) -> force.covers(write)))
					.count();
				assertThat(votersSynced).as("voters that synced the coordination log while %s was written", write)
					.isGreaterThanOrEqualTo(2);
			}
			for (int i = 0; i < cluster.size(); i++) {
				// group commit: a sync per append batch, never one per entry and write
				System.out.printf("voter-%d: %d syncs of the coordination log for %d acknowledged writes%n", i + 1,
						forcesByVoter.get(i).size(), WRITES);
			}
		}
	}

	private static List<Force> logForces(Path recording, Path dataDirectory) throws IOException {
		String log = dataDirectory.resolve("coordination").toAbsolutePath().toString();
		List<Force> forces = new ArrayList<>();
		for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
			String path = event.getString("path");
			if (path != null && path.startsWith(log) && path.endsWith(".log")) {
				forces.add(new Force(event.getStartTime(), event.getEndTime()));
			}
		}
		return forces;
	}

	private static Instant instant(String epochNanos) {
		long nanos = Long.parseLong(epochNanos);
		return Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
	}

	private record Write(String key, Instant sent, Instant acknowledged) {
	}

	private record Force(Instant start, Instant end) {

		boolean covers(Write write) {
			return !this.start.isBefore(write.sent()) && !this.end.isAfter(write.acknowledged());
		}

	}

}
