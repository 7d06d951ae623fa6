package io.coordination.sidecar.it;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.coordination.config.ConfigChange;
import io.coordination.config.ConfigFormat;
import io.coordination.config.ConfigStore;
import io.coordination.config.Rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The configuration API as a client in another language sees it: every bad request is a 4xx problem naming the field
 * and changes nothing; a watch resumed with {@code Last-Event-ID} gets every later change once.
 */
class ConfigApiIT {

	@RegisterExtension
	static final SidecarEnsemble ensemble = new SidecarEnsemble();

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String CHANGE = "{\"application\":\"x\",\"profile\":\"p\",\"format\":\"YAML\",\"content\":\"\"}";

	private static RawApi api() {
		return new RawApi(SidecarEnsemble.ensemble().agent().url());
	}

	@Test
	void badRequestsAreProblemsNamingTheFieldAndChangeNothing() {
		RawApi api = api();
		String base = "/v1/config/badinput/prod";
		assertThat(api.json("POST", base + "/versions", "{\"format\":\"PROPERTIES\",\"content\":\"v=1\"}").status())
			.isEqualTo(201);
		refused(api.json("POST", base + "/versions", "{\"format\":\"XML\",\"content\":\"v=2\"}"), 400, "format");
		refused(api.json("POST", base + "/versions", "{\"format\":\"YAML\"}"), 400, "content");
		refused(api.json("POST", base + "/versions", "{\"format\":\"YAML\",\"content\":\"a: 1\",\"expectedVersion\":-1}"),
				400, "expectedVersion");
		refused(api.json("POST", base + "/versions", "{\"format\":\"YAML\",\"content\":\"a: 1\",\"expectedVersion\":\"x\"}"),
				400, "expectedVersion");
		refused(api.json("POST", base + "/versions", "{\"format\":\"YAML\",\"content\":\"a: [\"}"), 422, "content");
		refused(api.json("POST", base + "/versions",
				"{\"format\":\"YAML\",\"content\":\"a: 1\",\"author\":\"" + "a".repeat(300) + "\"}"), 400, "author");
		refused(api.json("POST", "/v1/config/_x/prod/versions", "{\"format\":\"YAML\",\"content\":\"\"}"), 400,
				"application");
		refused(api.get("/v1/config/a%2Fb/prod"), 400, "application");
		refused(api.get(base + "/versions/abc"), 400, "version");
		refused(api.get(base + "/effective"), 400, "instance");
		refused(api.get(base + "/effective?instance=i&labels=bad"), 400, "labels");
		refused(api.json("POST", "/v1/config-changes", "{}"), 400, "changes");
		refused(api.json("POST", "/v1/config-changes", "{\"changes\":[" + CHANGE + "," + CHANGE + "]}"), 400,
				"changes[1]");
		refused(api.json("POST", "/v1/config-rollouts", "{\"changes\":[" + CHANGE + "]}"), 400, "rollout");
		refused(api.json("POST", "/v1/config-rollouts", "{\"changes\":[" + CHANGE + "],\"rollout\":{\"percentage\":101}}"),
				400, "rollout.percentage");
		refused(api.json("POST", "/v1/config-rollouts",
				"{\"changes\":[" + CHANGE + "],\"rollout\":{\"instanceIds\":[null]}}"), 400, "rollout.instanceIds");
		refused(api.json("POST", "/v1/config-rollouts",
				"{\"changes\":[" + CHANGE + "],\"rollout\":{\"labels\":{\"a\":null}}}"), 400, "rollout.labels");
		refused(api.json("POST", base + "/rollback", "{}"), 400, "version");
		refused(api.json("POST", base + "/rollback", "{\"version\":0}"), 400, "version");
		refused(api.json("PUT", base + "/settings", "{\"historyLimit\":0}"), 400, "historyLimit");
		refused(api.json("PUT", base + "/settings", "{\"schema\":\"{\"}"), 422, "schema");
		refused(api.json("PUT", base + "/settings", "{\"schema\":\"{\\\"type\\\":\\\"array\\\"}\"}"), 422, "schema");
		refused(api.request("GET", base + "/effective/watch?instance=i", java.util.Map.of("Accept", "text/event-stream",
				"Last-Event-ID", "zz"), null), 400, "Last-Event-ID");
		assertThat(api.get(base + "/versions").json()).hasSize(1);
		assertThat(api.get("/v1/config/x/p").status()).isEqualTo(404);
		assertThat(api.get(base).json().path("schema").isNull()).isTrue();
	}

	private static void refused(RawApi.Answer answer, int status, String field) {
		assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertThat(answer.json().path("field").asString()).as(answer.body()).isEqualTo(field);
	}

	@Test
	void aWatchResumedAfterARevisionGetsEveryLaterChangeOnce() throws Exception {
		ConfigStore config = ensemble.client(0).config();
		String app = "resumed";
		String path = "/v1/config/" + app + "/prod/effective/watch?instance=canary";
		config.apply(change(app, "v=1"));
		List<JsonNode> first = events(path, null, 1);
		assertThat(first.get(0).path("type").asString()).isEqualTo("snapshot");
		assertThat(first.get(0).path("data").path("config").path("version").asLong()).isEqualTo(1);
		long snapshot = first.get(0).path("id").asLong();
		// while the client is away
		config.apply(change(app, "v=2"));
		config.stage(List.of(change(app, "v=3")), Rollout.instances(Set.of("canary")));
		config.abort(app, "prod", "alice");
		config.configure(app, "prod", null, 10);
		config.apply(change(app, "v=4"));
		List<JsonNode> resumed = events(path, Long.toString(snapshot), 4);
		assertThat(resumed).extracting((event) -> event.path("type").asString()).containsOnly("config");
		assertThat(resumed).extracting((event) -> event.path("data").path("version").asLong())
			.containsExactly(2L, 3L, 2L, 4L);
		assertThat(resumed.get(1).path("data").path("candidate").asBoolean()).isTrue();
		assertThat(resumed).extracting((event) -> event.path("id").asLong()).isSorted().doesNotHaveDuplicates()
			.allSatisfy((id) -> assertThat(id).isGreaterThan(snapshot));
		long last = resumed.get(3).path("id").asLong();
		// nothing after the last one seen: the stream stays quiet until the next change
		config.apply(change(app, "v=5"));
		List<JsonNode> next = events(path, Long.toString(last), 1);
		assertThat(next).extracting((event) -> event.path("data").path("version").asLong()).containsExactly(5L);
	}

	private static ConfigChange change(String app, String content) {
		return ConfigChange.of(app, "prod", ConfigFormat.PROPERTIES, content, "alice", "change");
	}

	/**
	 * Reads events of a stream until it has some.
	 * @param path the stream
	 * @param lastEventId the id to resume after, or {@code null}
	 * @param count events to read
	 * @return each as {@code {"id", "type", "data"}}
	 */
	private static List<JsonNode> events(String path, String lastEventId, int count) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(SidecarEnsemble.ensemble().agent().url() + path))
			.header("Accept", "text/event-stream");
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		List<JsonNode> events = new CopyOnWriteArrayList<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader in = new BufferedReader(
					new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
				String id = null;
				String type = null;
				String line;
				while ((line = in.readLine()) != null) {
					if (line.startsWith("id:")) {
						id = line.substring(3).trim();
					}
					else if (line.startsWith("event:")) {
						type = line.substring(6).trim();
					}
					else if (line.startsWith("data:")) {
						events.add(json.createObjectNode()
							.put("id", Long.parseLong(id))
							.put("type", type)
							.set("data", json.readTree(line.substring(5))));
					}
				}
			}
			catch (Exception ex) {
				// closed
			}
		});
		reader.setDaemon(true);
		reader.start();
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= count);
			// and no more than that
			await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> events.size() == count);
			return List.copyOf(events);
		}
		finally {
			response.body().close();
		}
	}

}
