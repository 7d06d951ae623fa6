package io.coordination.sidecar.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.coordination.Coordination;
import io.coordination.CoordinationException;
import io.coordination.client.HttpCoordination;
import io.coordination.cluster.RaftPartitionInfo;
import io.coordination.kv.KeyValueEvent;
import io.coordination.kv.KeyValueWatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGKILL of the Raft leader while applications follow watches as Server-Sent Events, through the agent and through
 * a server that survives: every watcher goes on from where it was, and sees exactly the changes the cluster made, in
 * order, none lost and none twice. A separate ensemble, since this one loses a member.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeaderFailoverIT {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static SidecarEnsemble.Ensemble ensemble;

	@BeforeAll
	static void start() {
		ensemble = SidecarEnsemble.Ensemble.start();
	}

	@AfterAll
	static void stop() {
		if (ensemble != null) {
			ensemble.close();
		}
	}

	@Test
	@Order(1)
	void watchersResumeWithNoLostEventWhenTheLeaderIsKilled() throws Exception {
		SidecarProcess leader = raftLeader();
		List<SidecarProcess> survivors = ensemble.servers().stream().filter((server) -> server != leader).toList();
		String prefix = "/failover/";
		try (HttpCoordination writer = SidecarEnsemble.client(survivors.get(0).url());
				HttpCoordination throughAgent = SidecarEnsemble.client(ensemble.agent().url());
				HttpCoordination throughServer = SidecarEnsemble.client(survivors.get(1).url())) {
			long from = writer.keyValue().put(prefix + "start", "0").modRevision();
			List<KeyValueEvent> seenByAgent = new CopyOnWriteArrayList<>();
			List<KeyValueEvent> seenByServer = new CopyOnWriteArrayList<>();
			// a plain SSE client of the leader's own sidecar, which moves to a survivor when its stream breaks
			RawStream raw = new RawStream(List.of(leader.url(), survivors.get(1).url()),
					"/v1/kv-watch" + prefix + "?prefix=true", from - 1);
			try (RawStream rawStream = raw;
					KeyValueWatch agentWatch = throughAgent.keyValue().watch(prefix, true, from, seenByAgent::addAll);
					KeyValueWatch serverWatch = throughServer.keyValue().watch(prefix, true, from,
							seenByServer::addAll)) {
				write(writer, prefix, 1, 40);
				await().atMost(scaled(30))
					.until(() -> seenByAgent.size() >= 41 && seenByServer.size() >= 41 && raw.revisions().size() >= 41);

				leader.kill();
				write(writer, prefix, 41, 120);
				long last = writer.keyValue().put(prefix + "end", "end").modRevision();

				// what the cluster holds: the same changes, read again from the start revision
				List<KeyValueEvent> history = new CopyOnWriteArrayList<>();
				try (KeyValueWatch replay = writer.keyValue().watch(prefix, true, from, history::addAll)) {
					await().atMost(scaled(60)).until(() -> lastRevision(history) >= last);
				}
				await().atMost(scaled(90))
					.until(() -> lastRevision(seenByAgent) >= last && lastRevision(seenByServer) >= last
							&& raw.lastRevision() >= last);
				assertThat(revisions(history)).isSorted().doesNotHaveDuplicates();
				assertThat(revisions(seenByAgent)).as("through the agent").isEqualTo(revisions(history));
				assertThat(revisions(seenByServer)).as("through a server").isEqualTo(revisions(history));
				assertThat(raw.revisions()).as("plain SSE, resumed on another sidecar").isEqualTo(revisions(history));
				assertThat(raw.connections()).isGreaterThanOrEqualTo(2);
				assertThat(seenByAgent).extracting(KeyValueEvent::key).isEqualTo(keys(history));
				assertThat(agentWatch.lastRevision()).isEqualTo(last);
				assertThat(serverWatch.lastRevision()).isEqualTo(last);
			}
		}
	}

	@Test
	@Order(2)
	void withoutQuorumTheAgentIsNotReadyButAlive() {
		RawApi agent = new RawApi(ensemble.agent().url());
		assertThat(agent.get("/actuator/health/readiness").status()).isEqualTo(200);
		List<SidecarProcess> alive = ensemble.servers().stream().filter(SidecarProcess::isAlive).toList();
		// one voter of three left (the other test may have killed one already)
		alive.stream().limit(alive.size() - 1).forEach(SidecarProcess::kill);
		await().atMost(scaled(60)).until(() -> agent.get("/actuator/health/readiness").status() == 503);
		assertThat(agent.get("/actuator/health/liveness").status()).isEqualTo(200);
		RawApi.Answer refused = agent.send("POST", "/v1/sessions", "application/json", "{\"ttl\":\"10s\"}");
		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.contentType()).startsWith("application/problem+json");
	}

	/** Writes keys {@code k<first>..k<last>}, each until acknowledged (a write may be cut off by the failover). */
	private static void write(Coordination writer, String prefix, int first, int last) {
		for (int i = first; i <= last; i++) {
			int index = i;
			await().atMost(scaled(60)).ignoreExceptionsInstanceOf(CoordinationException.class).until(() -> {
				writer.keyValue().put(prefix + "k" + index, String.valueOf(index));
				return true;
			});
		}
	}

	private SidecarProcess raftLeader() {
		try (HttpCoordination client = SidecarEnsemble.client(ensemble.servers().get(0).url())) {
			return await().atMost(scaled(30)).until(() -> {
				List<RaftPartitionInfo> partitions = new ArrayList<>(client.cluster().partitions());
				partitions.sort(Comparator.comparing((RaftPartitionInfo partition) -> partition.group().equals("system")));
				String leader = partitions.isEmpty() ? null : partitions.get(0).leader();
				return ensemble.servers().stream().filter((server) -> server.id().equals(leader)).findFirst()
					.orElse(null);
			}, (found) -> found != null);
		}
	}

	/**
	 * Follows an event stream as a client in any language would: on a broken stream it reconnects, to the next
	 * sidecar in its list, sending the id of the last event it handled as {@code Last-Event-ID}.
	 */
	private static final class RawStream implements AutoCloseable {

		private final List<Long> revisions = new CopyOnWriteArrayList<>();

		private final AtomicInteger connections = new AtomicInteger();

		private final Thread thread;

		private volatile boolean closed;

		private volatile long lastId;

		RawStream(List<String> urls, String path, long after) {
			this.lastId = after;
			this.thread = new Thread(() -> follow(urls, path), "raw-sse");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		private void follow(List<String> urls, String path) {
			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
			int next = 0;
			while (!this.closed) {
				String url = urls.get(next % urls.size());
				try {
					HttpResponse<java.util.stream.Stream<String>> response = http.send(
							HttpRequest.newBuilder(URI.create(url + path))
								.header("Accept", "text/event-stream")
								.header("Last-Event-ID", Long.toString(this.lastId))
								.build(),
							HttpResponse.BodyHandlers.ofLines());
					if (response.statusCode() == 200) {
						this.connections.incrementAndGet();
						read(response.body());
					}
				}
				catch (IOException | java.io.UncheckedIOException ex) {
					// broken: the next sidecar
				}
				catch (InterruptedException ex) {
					return;
				}
				next++;
				try {
					Thread.sleep(200);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}

		private void read(java.util.stream.Stream<String> lines) {
			String[] id = { null };
			String[] type = { null };
			StringBuilder data = new StringBuilder();
			lines.forEach((line) -> {
				if (line.startsWith("id:")) {
					id[0] = line.substring(3).trim();
				}
				else if (line.startsWith("event:")) {
					type[0] = line.substring(6).trim();
				}
				else if (line.startsWith("data:")) {
					data.append(line.substring(5).trim());
				}
				else if (line.isEmpty()) {
					if ("changes".equals(type[0]) && id[0] != null && Long.parseLong(id[0]) > this.lastId) {
						for (JsonNode event : json.readTree(data.toString())) {
							this.revisions.add(event.path("revision").asLong());
						}
						this.lastId = Long.parseLong(id[0]);
					}
					id[0] = null;
					type[0] = null;
					data.setLength(0);
				}
			});
		}

		List<Long> revisions() {
			return this.revisions;
		}

		long lastRevision() {
			return this.lastId;
		}

		int connections() {
			return this.connections.get();
		}

		@Override
		public void close() {
			this.closed = true;
			this.thread.interrupt();
		}

	}

	private static long lastRevision(List<KeyValueEvent> events) {
		return events.isEmpty() ? 0 : events.get(events.size() - 1).revision();
	}

	private static List<Long> revisions(List<KeyValueEvent> events) {
		return events.stream().map(KeyValueEvent::revision).toList();
	}

	private static List<String> keys(List<KeyValueEvent> events) {
		return events.stream().map(KeyValueEvent::key).toList();
	}

	private static Duration scaled(long seconds) {
		return io.coordination.testsupport.TestTimeouts.scaled(Duration.ofSeconds(seconds));
	}

}
