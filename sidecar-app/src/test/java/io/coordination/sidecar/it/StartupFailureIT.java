package io.coordination.sidecar.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.coordination.testsupport.TestTimeouts;
import io.coordination.testsupport.cluster.DataDirectories;
import io.coordination.testsupport.cluster.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Common set-up mistakes, made on real processes, end in Spring Boot's failure analysis — what is wrong and what to
 * do — and a non-zero exit, instead of a stack trace: a duration without a unit, a member list without this node's
 * port, a JVM without the flags Atomix needs.
 */
class StartupFailureIT {

	private Path data;

	private SidecarProcess sidecar;

	@AfterEach
	void cleanUp() {
		if (this.sidecar != null) {
			this.sidecar.close();
		}
		DataDirectories.delete(this.data);
	}

	@Test
	void aSessionTimeoutWithoutAUnitNamesThePropertyAndTheFix() throws Exception {
		String output = failedStart(false, List.of("--coordination.session.timeout=10"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("coordination.session.timeout")
			.contains("must be at least 1s, not 10ms")
			.contains("write 10s");
		assertThat(output).doesNotContain("\tat ");
	}

	@Test
	void aMemberListWithoutThisNodesPortSaysItStartedAsAClientMember() throws Exception {
		String output = failedStart(false, List.of("--coordination.start-timeout=3s", "--coordination.cluster.members="
				+ "127.0.0.1:" + FreePorts.next() + ",127.0.0.1:" + FreePorts.next() + ",127.0.0.1:" + FreePorts.next()));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("could not join its cluster within 3 s")
			.contains("it is a client member, not a voter")
			.contains("set coordination.node.port and coordination.node.host");
		assertThat(output).doesNotContain("Application run failed");
	}

	@Test
	void aJvmWithoutTheAddOpensFlagsGetsTheFlagsAndTheManifestEntry() throws Exception {
		String output = failedStart(true, List.of());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("--add-opens java.base/java.util=ALL-UNNAMED")
			.contains("<Add-Opens>java.base/java.util.concurrent.atomic java.base/java.util</Add-Opens>")
			.contains("<jvmArguments>");
		assertThat(output).doesNotContain("\tat ");
	}

	private String failedStart(boolean withoutManifestFlags, List<String> mistakes) throws Exception {
		this.data = DataDirectories.create("sidecar-mistake-");
		String id = "mistake-" + UUID.randomUUID().toString().substring(0, 8);
		List<String> arguments = new java.util.ArrayList<>(List.of("--coordination.node.data-dir=" + this.data,
				"--coordination.node.port=" + FreePorts.next()));
		arguments.addAll(mistakes);
		Path logs = Path.of("target", "sidecar-it");
		this.sidecar = withoutManifestFlags ? SidecarProcess.startWithoutManifestFlags(id, FreePorts.next(), logs,
				arguments) : SidecarProcess.start(id, FreePorts.next(), logs, arguments);
		Integer exit = this.sidecar.awaitExit(TestTimeouts.scaled(Duration.ofSeconds(90)));
		assertThat(exit).as("exit code (null: still running)").isNotNull().isNotZero();
		String output = this.sidecar.output();
		Files.deleteIfExists(logs.resolve(id + ".log"));
		return output;
	}

}
