package io.coordination.sidecar.it;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input of every kind, sent to the agent as any HTTP client could: each is refused with a 4xx and an
 * {@code application/problem+json} body naming what is wrong, and changes nothing (the resources it names read the
 * same before and after). Missing and wrong tokens are covered by {@link SecurityIT}.
 */
class BadInputIT {

	@RegisterExtension
	static final SidecarEnsemble ensemble = new SidecarEnsemble();

	private static final String LONG_NAME = "n".repeat(300);

	private static RawApi api;

	private static String session;

	@BeforeAll
	static void openSession() {
		api = new RawApi(SidecarEnsemble.ensemble().agent().url());
		session = api.createSession("60s", null);
	}

	@AfterAll
	static void closeSession() {
		api.send("DELETE", "/v1/sessions/" + session, null, null);
	}

	/**
	 * One bad request.
	 *
	 * @param what what is wrong with it
	 * @param method the method
	 * @param path the path ({@code SESSION} stands for a live session's id)
	 * @param headers request headers, the content type among them
	 * @param body the body, or {@code null}
	 * @param status the status expected
	 * @param field the field the problem names, or {@code null} if it names none
	 * @param probe a path whose answer must read the same before and after
	 */
	record Bad(String what, String method, String path, Map<String, String> headers, String body, int status,
			String field, String probe) {

		@Override
		public String toString() {
			return this.what;
		}

	}

	static Stream<Arguments> badRequests() {
		Map<String, String> json = Map.of("Content-Type", "application/json");
		String txnProbe = "/v1/kv/badinput/txn-a";
		return Stream.of(
				new Bad("malformed JSON", "POST", "/v1/sessions", json, "{\"name\":\"bad-input\",\"ttl\":", 400, null,
						"SESSIONS"),
				new Bad("wrong type", "POST", "/v1/sessions", json, "{\"name\":\"bad-input\",\"ttl\":{\"s\":1}}",
						400, "ttl", "SESSIONS"),
				new Bad("wrong type in a list", "POST", "/v1/sessions", json,
						"{\"name\":\"bad-input\",\"checks\":\"web\"}", 400, "checks", "SESSIONS"),
				new Bad("unknown field", "POST", "/v1/sessions", json, "{\"name\":\"bad-input\",\"tll\":\"10s\"}",
						400, "tll", "SESSIONS"),
				new Bad("bad duration", "POST", "/v1/sessions", json,
						"{\"name\":\"bad-input\",\"ttl\":\"ten seconds\"}", 400, "ttl", "SESSIONS"),
				new Bad("duration beyond the limit", "POST", "/v1/sessions", json,
						"{\"name\":\"bad-input\",\"ttl\":\"2h\"}", 400, "ttl", "SESSIONS"),
				new Bad("oversize JSON body", "POST", "/v1/sessions", json,
						"{\"name\":\"bad-input\",\"pad\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}", 413, "body",
						"SESSIONS"),
				new Bad("unsupported media type", "POST", "/v1/sessions", Map.of("Content-Type", "text/plain"),
						"name=bad-input", 415, null, "SESSIONS"),
				new Bad("oversize value", "PUT", "/v1/kv/badinput/big", Map.of("Content-Type",
						"application/octet-stream"), "v".repeat(300 * 1024), 413, "value", "/v1/kv/badinput/big"),
				new Bad("reserved key", "PUT", "/v1/kv/_config/badinput", Map.of(), "v", 400, "key",
						"/v1/kv/_config/badinput"),
				new Bad("key too long", "PUT", "/v1/kv/" + "k".repeat(600), Map.of(), "v", 400, "key",
						"/v1/kv/badinput/absent"),
				new Bad("bad If-Match", "PUT", "/v1/kv/badinput/conditional", Map.of("If-Match", "\"seven\""), "v",
						400, "If-Match", "/v1/kv/badinput/conditional"),
				new Bad("bad TTL", "PUT", "/v1/kv/badinput/ttl?ttl=-5s", Map.of(), "v", 400, "ttl",
						"/v1/kv/badinput/ttl"),
				new Bad("TTL that overflows", "PUT", "/v1/kv/badinput/ttl?ttl=9223372036854775807s", Map.of(), "v",
						400, "ttl", "/v1/kv/badinput/ttl"),
				new Bad("lease that overflows", "POST",
						"/v1/locks/badinput-lock?session=SESSION&lease=9223372036854775807s", Map.of(), null, 400,
						"lease", "/v1/locks/badinput-lock"),
				new Bad("duration that overflows", "POST", "/v1/sessions", json,
						"{\"name\":\"bad-input\",\"ttl\":\"9223372036854775807d\"}", 400, "ttl", "SESSIONS"),
				new Bad("percent-encoded path", "PUT", "/%76%31/kv/badinput/encoded", Map.of(), "v", 400, "path",
						"/v1/kv/badinput/encoded"),
				new Bad("transaction with one bad operation", "POST", "/v1/kv-txn", json,
						"{\"compares\":[],\"then\":[{\"op\":\"put\",\"key\":\"/badinput/txn-a\",\"value\":\"x\"},"
								+ "{\"op\":\"explode\",\"key\":\"/badinput/txn-b\"}],\"otherwise\":[]}",
						400, "then[1].op", txnProbe),
				new Bad("transaction of the wrong shape", "POST", "/v1/kv-txn", json, "{\"then\":\"put everything\"}",
						400, "then", txnProbe),
				new Bad("lock name too long", "POST", "/v1/locks/" + LONG_NAME + "?session=SESSION", Map.of(), null,
						400, "name", "/v1/locks"),
				new Bad("bad wait", "POST", "/v1/locks/badinput-lock?session=SESSION&wait=soon", Map.of(), null, 400,
						"wait", "/v1/locks/badinput-lock"),
				new Bad("lock of an unknown session", "POST", "/v1/locks/badinput-lock?session=no-such-session",
						Map.of(), null, 404, "session", "/v1/locks/badinput-lock"),
				new Bad("wrong type of parameter", "POST", "/v1/semaphores/badinput-sem?session=SESSION&total=many",
						Map.of(), null, 400, "total", "/v1/semaphores/badinput-sem"),
				new Bad("more permits than the semaphore has", "POST",
						"/v1/semaphores/badinput-sem?session=SESSION&total=2&permits=3", Map.of(), null, 400,
						"permits", "/v1/semaphores/badinput-sem"),
				new Bad("port out of range", "PUT", "/v1/services/badinput-svc/instances/i-1?session=SESSION", json,
						"{\"host\":\"127.0.0.1\",\"port\":70000}", 400, "port", "/v1/services/badinput-svc"),
				new Bad("port of the wrong type", "PUT", "/v1/services/badinput-svc/instances/i-1?session=SESSION",
						json, "{\"host\":\"127.0.0.1\",\"port\":\"eighty\"}", 400, "port",
						"/v1/services/badinput-svc"),
				new Bad("unknown check type", "PUT", "/v1/checks/badinput-check", json,
						"{\"type\":\"carrier-pigeon\"}", 400, "type", "/v1/checks/badinput-check"),
				new Bad("config of the wrong type", "POST", "/v1/config/badinput/default/versions", json,
						"{\"format\":\"properties\",\"content\":[1,2]}", 400, "content",
						"/v1/config/badinput/default"),
				new Bad("unknown config format", "POST", "/v1/config/badinput/default/versions", json,
						"{\"format\":\"ini\",\"content\":\"a=1\"}", 400, "format", "/v1/config/badinput/default"),
				new Bad("method not allowed", "PATCH", "/v1/locks/badinput-lock", json, "{}", 405, null,
						"/v1/locks/badinput-lock"),
				// these used to answer 5xx (a NullPointerException, a 503 with an Atomix class name that clients
				// retried), 410 for a negative index, and an overflowed number for the largest one
				new Bad("null in a list of checks", "POST", "/v1/sessions", json,
						"{\"name\":\"bad-input\",\"checks\":[null]}", 400, "checks[0]", "SESSIONS"),
				new Bad("null operation of a transaction", "POST", "/v1/kv-txn", json,
						"{\"compares\":[],\"then\":[null],\"otherwise\":[]}", 400, "then[0]", txnProbe),
				new Bad("range that ends before it starts", "GET", "/v1/kv/?from=/b&to=/a", Map.of(), null, 400, "to",
						"/v1/kv/badinput/absent"),
				new Bad("negative index", "GET", "/v1/sessions/SESSION/events?index=-5", Map.of(), null, 400, "index",
						"/v1/kv/badinput/absent"),
				new Bad("index at the largest number", "GET", "/v1/kv/badinput/x?index=9223372036854775807&wait=1s",
						Map.of(), null, 400, "index", "/v1/kv/badinput/absent"),
				new Bad("comparison on a value without a value", "POST", "/v1/kv-txn", json,
						"{\"compares\":[{\"key\":\"/badinput/txn-a\",\"target\":\"VALUE\",\"operator\":\"EQUAL\"}],"
								+ "\"then\":[{\"op\":\"put\",\"key\":\"/badinput/txn-a\",\"value\":\"x\"}],"
								+ "\"otherwise\":[]}",
						400, "compares[0].value", txnProbe),
				new Bad("check interval below the minimum", "PUT", "/v1/checks/badinput-check", json,
						"{\"type\":\"tcp\",\"address\":\"127.0.0.1:1\",\"interval\":\"10ms\"}", 400, "interval",
						"/v1/checks/badinput-check"),
				new Bad("check of a host beyond the allowed targets", "PUT", "/v1/checks/badinput-check", json,
						"{\"type\":\"http\",\"url\":\"http://192.0.2.1/\",\"interval\":\"10s\"}", 400, "url",
						"/v1/checks/badinput-check"))
			.map(Arguments::of);
	}

	/**
	 * Malformed input of every shape, at every family of endpoints: never a 5xx, always a problem, nothing changed,
	 * and the sidecar healthy after.
	 */
	static Stream<Arguments> fuzz() {
		List<String[]> endpoints = List.of(new String[] { "POST", "/v1/sessions" },
				new String[] { "POST", "/v1/kv-txn" }, new String[] { "PUT", "/v1/checks/fuzz-check" },
				new String[] { "PUT", "/v1/services/fuzz-svc/instances/fuzz-1?session=SESSION" },
				new String[] { "POST", "/v1/config/fuzz/default/versions" },
				new String[] { "PUT", "/v1/config/fuzz/default/settings" },
				new String[] { "POST", "/v1/config-changes" }, new String[] { "PUT", "/v1/groups/fuzz/members/m-1" },
				new String[] { "POST", "/v1/elections/fuzz/candidates?session=SESSION" });
		List<String[]> bodies = List.of(new String[] { "truncated", "{\"a\":" },
				new String[] { "not an object", "[1,2,3]" }, new String[] { "null", "null" },
				new String[] { "nulls everywhere", "{\"name\":null,\"ttl\":null,\"checks\":[null],\"then\":[null],"
						+ "\"compares\":[null],\"host\":null,\"port\":null,\"content\":null,\"type\":null}" },
				new String[] { "numbers too large", "{\"ttl\":1e400,\"port\":99999999999999999999,\"version\":-1e308}" },
				new String[] { "wrong types", "{\"ttl\":[],\"checks\":{},\"then\":\"x\",\"port\":true,\"content\":7}" },
				new String[] { "control characters", "{\"name\":\"a\\u0000b\\u0007\",\"type\":\"http\\u0001\"}" },
				new String[] { "deep nesting", "[".repeat(3000) + "]".repeat(3000) },
				new String[] { "lone surrogate", "{\"name\":\"\\ud800\"}" },
				new String[] { "invalid UTF-8", new String(new byte[] { '{', '"', 'a', '"', ':', '"', (byte) 0xC0,
						(byte) 0xAE, '"', '}' }, java.nio.charset.StandardCharsets.ISO_8859_1) });
		List<Arguments> cases = new java.util.ArrayList<>();
		for (String[] endpoint : endpoints) {
			for (String[] body : bodies) {
				if (body[1].equals("null") && (endpoint[1].equals("/v1/sessions") || endpoint[1].startsWith("/v1/groups"))) {
					continue; // a null body is no body: these take defaults
				}
				cases.add(Arguments.of(endpoint[0] + " " + endpoint[1] + ": " + body[0], endpoint[0], endpoint[1],
						body[1]));
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fuzz")
	void malformedInputIsRefusedWithAProblem(String what, String method, String path, String body) {
		long revision = revision();
		RawApi.Answer answer = api.request(method, path.replace("SESSION", session),
				Map.of("Content-Type", "application/json"), body);
		assertThat(answer.status()).as(what + ": " + answer.body()).isBetween(400, 499);
		assertThat(answer.contentType()).as(what).startsWith("application/problem+json");
		assertThat(answer.body()).as(what).doesNotContain("Exception").doesNotContain("io.atomix")
			.doesNotContain("java.");
		assertThat(revision()).as(what).isEqualTo(revision);
		assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badRequests")
	void isRefusedWithAProblemAndChangesNothing(Bad bad) {
		String before = probe(bad.probe());
		long revision = revision();

		RawApi.Answer answer = api.request(bad.method(), bad.path().replace("SESSION", session), bad.headers(),
				bad.body());

		assertThat(answer.status()).as(answer.body()).isEqualTo(bad.status());
		assertThat(answer.contentType()).startsWith("application/problem+json");
		JsonNode problem = answer.json();
		assertThat(problem.path("status").asInt()).isEqualTo(bad.status());
		assertThat(problem.path("code").asString()).isNotBlank();
		assertThat(problem.path("detail").asString()).isNotBlank();
		if (bad.field() != null) {
			assertThat(problem.path("field").asString()).as(answer.body()).isEqualTo(bad.field());
		}
		assertThat(probe(bad.probe())).isEqualTo(before);
		assertThat(revision()).isEqualTo(revision);
	}

	/** What a resource reads as; for sessions, how many are named "bad-input". */
	private static String probe(String path) {
		if (path.equals("SESSIONS")) {
			JsonNode sessions = api.get("/v1/sessions").json();
			long named = 0;
			for (JsonNode one : sessions) {
				if (one.path("name").asString().equals("bad-input")) {
					named++;
				}
			}
			return named + " sessions named bad-input";
		}
		RawApi.Answer answer = api.get(path);
		return answer.status() + " " + answer.body();
	}

	private static long revision() {
		return api.get("/v1/kv-revision").json().path("revision").asLong();
	}

}
