package io.coordination.sidecar.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.coordination.lock.LockLease;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Python example in {@code examples/} takes a lock through the agent, does fenced work and releases the lock.
 */
class PolyglotExampleIT {

	@RegisterExtension
	static final SidecarEnsemble ensemble = new SidecarEnsemble();

	@TempDir
	Path directory;

	@Test
	void thePythonExampleDoesFencedWorkUnderTheLock() throws Exception {
		Path counter = this.directory.resolve("counter.txt");
		String first = run(counter);
		String second = run(counter);
		assertThat(first).startsWith("counter=1 token=");
		assertThat(second).startsWith("counter=2 token=");
		assertThat(token(second)).isGreaterThan(token(first));
		// it released the lock: a Java client takes it at once, with a higher token still
		try (LockLease lease = ensemble.client(0).lock("example-counter").tryLock().orElseThrow()) {
			assertThat(lease.fencingToken()).isGreaterThan(token(second));
		}
	}

	private static long token(String output) {
		return Long.parseLong(output.substring(output.indexOf("token=") + 6).trim());
	}

	private String run(Path counter) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("python3", Path.of("examples", "fenced_counter.py").toString(), "--url",
				SidecarEnsemble.ensemble().agent().url(), "--file", counter.toString())
			.redirectErrorStream(true)
			.start();
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(Files.readString(counter)).isNotBlank();
		return output.trim();
	}

}
