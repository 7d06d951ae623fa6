package io.coordination.sidecar.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.coordination.testsupport.TestTimeouts;
import io.coordination.testsupport.cluster.DataDirectories;
import io.coordination.testsupport.cluster.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A sidecar told to stop (SIGTERM) while clients follow event streams ends the streams first, so that its graceful
 * shutdown does not wait for them until its timeout (and a pod is not killed before the node left cleanly).
 */
class ShutdownIT {

	private Path data;

	private SidecarProcess sidecar;

	@AfterEach
	void cleanUp() {
		if (this.sidecar != null) {
			this.sidecar.close();
		}
		DataDirectories.delete(this.data);
	}

	/**
	 * A server that cannot join its cluster within its start timeout used to log "Application run failed" and stay
	 * alive: Atomix does not stop a Raft server whose start has not completed, and its threads are not daemons.
	 */
	@Test
	void aServerThatCannotJoinItsClusterExitsNonZero() throws Exception {
		this.data = DataDirectories.create("sidecar-lonely-");
		int port = FreePorts.next();
		this.sidecar = SidecarProcess.start("lonely", FreePorts.next(), Path.of("target", "sidecar-it"),
				List.of("--coordination.node.id=lonely", "--coordination.node.port=" + port,
						"--coordination.node.data-dir=" + this.data, "--coordination.start-timeout=5s",
						"--coordination.cluster.members=lonely@127.0.0.1:" + port + ",absent-1@127.0.0.1:"
								+ FreePorts.next() + ",absent-2@127.0.0.1:" + FreePorts.next()));
		Integer exit = this.sidecar.awaitExit(TestTimeouts.scaled(Duration.ofSeconds(90)));
		assertThat(exit).as("exit code (null: still running)").isNotNull().isNotZero();
		assertThat(Files.readString(Path.of("target", "sidecar-it", "lonely.log")))
			.contains("could not join its cluster within 5 s");
	}

	@Test
	void openEventStreamsDoNotHoldUpAGracefulShutdown() throws Exception {
		this.data = DataDirectories.create("sidecar-shutdown-");
		this.sidecar = SidecarProcess.start("shutdown", FreePorts.next(), Path.of("target", "sidecar-it"),
				List.of("--coordination.node.id=shutdown", "--coordination.node.port=" + FreePorts.next(),
						"--coordination.node.data-dir=" + this.data));
		this.sidecar.awaitReady(Duration.ofMinutes(2));
		RawApi api = new RawApi(this.sidecar.url());
		String session = api.createSession("30s", null);
		HttpClient http = HttpClient.newHttpClient();
		CompletableFuture<List<String>> watch = stream(http, "/v1/kv-watch/shutdown/?prefix=true");
		CompletableFuture<List<String>> events = stream(http, "/v1/sessions/" + session + "/events");
		assertThat(api.send("PUT", "/v1/kv/shutdown/a", "text/plain", "1").status()).isEqualTo(200);
		// the streams stay open while the sidecar runs
		await().during(Duration.ofMillis(500)).atMost(TestTimeouts.scaled(Duration.ofSeconds(5)))
			.until(() -> !watch.isDone() && !events.isDone());

		Duration took = this.sidecar.terminate(TestTimeouts.scaled(Duration.ofSeconds(25)));

		assertThat(took).as("exited well before the 30 s graceful-shutdown timeout").isNotNull();
		assertThat(watch.get(10, TimeUnit.SECONDS)).anyMatch((line) -> line.startsWith("event:watching"));
		assertThat(events.get(10, TimeUnit.SECONDS)).isNotNull();
	}

	private CompletableFuture<List<String>> stream(HttpClient http, String path) {
		return http
			.sendAsync(HttpRequest.newBuilder(URI.create(this.sidecar.url() + path))
				.header("Accept", "text/event-stream")
				.build(), HttpResponse.BodyHandlers.ofLines())
			.thenApply((response) -> {
				try (Stream<String> lines = response.body()) {
					return lines.toList();
				}
				catch (RuntimeException ex) {
					// the connection was cut rather than ended: the stream is over either way
					return List.of("event:cut");
				}
			});
	}

}
