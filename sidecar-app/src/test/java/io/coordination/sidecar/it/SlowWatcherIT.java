package io.coordination.sidecar.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.coordination.testsupport.TestTimeouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A watcher that stops reading (a paused process, a partition without reset) fills its TCP buffers; the agent must go
 * on delivering everything else: other watches, and the events of sessions.
 */
class SlowWatcherIT {

	@RegisterExtension
	static final SidecarEnsemble ensemble = new SidecarEnsemble();

	/** Instances registered in the stalled watcher's service: every change sends all of them, about 16 KB each. */
	private static final int INSTANCES = 48;

	private static final String BLOB = "x".repeat(4000);

	private final String suffix = UUID.randomUUID().toString().substring(0, 8);

	private final String slowService = "slow-watched-" + this.suffix;

	private final String otherService = "other-watched-" + this.suffix;

	private RawApi agent;

	private Socket stalled;

	private final List<SseReader> readers = new CopyOnWriteArrayList<>();

	@BeforeEach
	void connect() {
		this.agent = new RawApi(SidecarEnsemble.ensemble().agent().url());
	}

	@AfterEach
	void cleanUp() throws IOException {
		this.readers.forEach(SseReader::close);
		if (this.stalled != null) {
			this.stalled.close();
		}
		for (int i = 0; i < INSTANCES; i++) {
			this.agent.send("DELETE", "/v1/services/" + this.slowService + "/instances/i-" + i, null, null);
		}
		this.agent.send("DELETE", "/v1/services/" + this.otherService + "/instances/o-1", null, null);
	}

	@Test
	void aClientThatStopsReadingDelaysNeitherOtherWatchersNorSessionEvents() throws IOException {
		this.stalled = stalledWatch("/v1/services/" + this.slowService + "/watch");
		SseReader other = follow("/v1/services/" + this.otherService + "/watch");
		await().atMost(scaled(30)).until(() -> other.has("snapshot", ""));
		String session = this.agent.createSession("60s", null);
		RawApi.Answer grant = this.agent.send("POST",
				"/v1/locks/slow-watcher-" + this.suffix + "?session=" + session + "&owner=app", null, null);
		assertThat(grant.status()).as(grant.body()).isEqualTo(200);
		SseReader sessionEvents = follow("/v1/sessions/" + session + "/events");

		// every change of the slow service sends all its instances: megabytes the stalled client never reads
		long sent = 0;
		for (int i = 0; i < INSTANCES; i++) {
			RawApi.Answer registered = this.agent.json("PUT",
					"/v1/services/" + this.slowService + "/instances/i-" + i,
					"{\"host\":\"127.0.0.1\",\"port\":" + (10000 + i) + ",\"metadata\":{\"a\":\"" + BLOB
							+ "\",\"b\":\"" + BLOB + "\",\"c\":\"" + BLOB + "\",\"d\":\"" + BLOB + "\"}}");
			assertThat(registered.status()).as(registered.body()).isBetween(200, 201);
			sent += (i + 1) * 4L * BLOB.length();
		}
		// far more than the socket buffers of both sides (a few MB on loopback at most)
		assertThat(sent).isGreaterThan(16L * 1024 * 1024);
		await().atMost(scaled(30))
			.until(() -> this.agent.get("/v1/services/" + this.slowService).json().size() == INSTANCES);

		// another watcher of the same agent hears a change at once
		RawApi.Answer registered = this.agent.json("PUT", "/v1/services/" + this.otherService + "/instances/o-1",
				"{\"host\":\"127.0.0.1\",\"port\":9999}");
		assertThat(registered.status()).as(registered.body()).isBetween(200, 201);
		await().atMost(scaled(10)).until(() -> other.has("instances", "\"o-1\""));

		// and a session hears that its lock was taken away
		RawApi.Answer released = this.agent.send("DELETE", "/v1/locks/slow-watcher-" + this.suffix, null, null);
		assertThat(released.status()).as(released.body()).isEqualTo(200);
		await().atMost(scaled(10)).until(() -> sessionEvents.has("lease-lost", "slow-watcher-" + this.suffix));
		this.agent.send("DELETE", "/v1/sessions/" + session, null, null);
		await().atMost(scaled(10)).until(() -> sessionEvents.has("session-ended", session));
	}

	/**
	 * Opens a watch with a client that reads its first event, then nothing more.
	 */
	private Socket stalledWatch(String path) throws IOException {
		Socket socket = new Socket();
		// before connecting: the window it advertises stays small
		socket.setReceiveBufferSize(4096);
		socket.setSoTimeout((int) scaled(30).toMillis());
		socket.connect(new InetSocketAddress("127.0.0.1", port()), 5000);
		OutputStream out = socket.getOutputStream();
		out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		out.flush();
		InputStream in = socket.getInputStream();
		StringBuilder seen = new StringBuilder();
		byte[] buffer = new byte[256];
		while (!seen.toString().contains("event:snapshot")) {
			int read = in.read(buffer);
			if (read < 0) {
				throw new IllegalStateException("The watch ended: " + seen);
			}
			seen.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
		}
		assertThat(seen.toString()).startsWith("HTTP/1.1 200");
		// the watch is in place; from now on this client reads nothing
		return socket;
	}

	private int port() {
		return URI.create(SidecarEnsemble.ensemble().agent().url()).getPort();
	}

	private SseReader follow(String path) {
		SseReader reader = new SseReader(SidecarEnsemble.ensemble().agent().url() + path);
		this.readers.add(reader);
		return reader;
	}

	private static Duration scaled(long seconds) {
		return TestTimeouts.scaled(Duration.ofSeconds(seconds));
	}

	/**
	 * A client that reads a stream of events as they come.
	 */
	private static final class SseReader {

		private final List<String[]> events = new CopyOnWriteArrayList<>();

		private final Thread thread;

		private volatile Stream<String> lines;

		SseReader(String url) {
			this.thread = new Thread(() -> read(url), "sse-reader");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		private void read(String url) {
			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
			try {
				HttpResponse<Stream<String>> response = http.send(
						HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").build(),
						HttpResponse.BodyHandlers.ofLines());
				this.lines = response.body();
				String[] type = { null };
				StringBuilder data = new StringBuilder();
				response.body().forEach((line) -> {
					if (line.startsWith("event:")) {
						type[0] = line.substring(6).trim();
					}
					else if (line.startsWith("data:")) {
						data.append(line.substring(5).trim());
					}
					else if (line.isEmpty()) {
						if (type[0] != null) {
							this.events.add(new String[] { type[0], data.toString() });
						}
						type[0] = null;
						data.setLength(0);
					}
				});
			}
			catch (IOException | UncheckedIOException ex) {
				// closed
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		boolean has(String type, String content) {
			return this.events.stream().anyMatch((event) -> event[0].equals(type) && event[1].contains(content));
		}

		void close() {
			Stream<String> open = this.lines;
			if (open != null) {
				open.close();
			}
			this.thread.interrupt();
		}

	}

}
