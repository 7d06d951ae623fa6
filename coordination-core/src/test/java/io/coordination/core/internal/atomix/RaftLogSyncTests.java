package io.coordination.core.internal.atomix;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.coordination.core.CoordinationNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Raft log of a single voter is on disk before a write is acknowledged: observed as the JDK's own
 * {@code jdk.FileForce} events (every {@code FileChannel.force}), not read from a setting.
 */
class RaftLogSyncTests {

	private static final int WRITES = 40;

	@TempDir
	Path data;

	@Test
	void everyAcknowledgedWriteOfASingleVoterWasSyncedBeforeItsAcknowledgement() throws IOException {
		Observed observed = writeAndRecord(true);
		Path segments = this.data.resolve(AtomixNode.COORDINATION_GROUP).toAbsolutePath();
		for (Write write : observed.writes()) {
			assertThat(observed.forces())
				.as("a sync of the coordination log between sending %s and its acknowledgement", write)
				.anySatisfy((force) -> {
					assertThat(force.path()).startsWith(segments.toString()).endsWith(".log");
					assertThat(force.start()).isAfterOrEqualTo(write.sent());
					assertThat(force.end()).isBeforeOrEqualTo(write.acknowledged());
				});
		}
	}

	@Test
	void withSyncOffTheLogIsNeverSynced() throws IOException {
		Observed observed = writeAndRecord(false);
		assertThat(observed.forces()).noneMatch((force) -> force.path().endsWith(".log"));
	}

	private Observed writeAndRecord(boolean sync) throws IOException {
		List<Write> writes = new ArrayList<>();
		Path recordingFile = this.data.resolve("forces.jfr");
		try (CoordinationNode node = CoordinationNode.builder()
			.port(0)
			.dataDirectory(this.data)
			.syncLog(sync)
			.build()
			.start(); Recording recording = new Recording()) {
			recording.enable("jdk.FileForce").withThreshold(Duration.ZERO).withoutStackTrace();
			recording.start();
			for (int i = 0; i < WRITES; i++) {
				Instant sent = Instant.now();
				node.coordination().keyValue().put("/durability/key-" + i, "value-" + i);
				writes.add(new Write("key-" + i, sent, Instant.now()));
			}
			recording.stop();
			recording.dump(recordingFile);
		}
		List<Force> forces = new ArrayList<>();
		for (RecordedEvent event : RecordingFile.readAllEvents(recordingFile)) {
			forces.add(new Force(event.getString("path"), event.getStartTime(), event.getEndTime()));
		}
		return new Observed(writes, forces);
	}

	private record Write(String key, Instant sent, Instant acknowledged) {
	}

	private record Force(String path, Instant start, Instant end) {
	}

	private record Observed(List<Write> writes, List<Force> forces) {
	}

}
