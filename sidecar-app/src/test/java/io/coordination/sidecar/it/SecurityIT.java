package io.coordination.sidecar.it;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.coordination.Coordination;
import io.coordination.client.HttpCoordination;
import io.coordination.testsupport.cluster.DataDirectories;
import io.coordination.testsupport.cluster.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Bearer tokens with per-prefix permissions, on a single-node sidecar process: paths the server and the dispatcher
 * could read differently are refused, the coordination actuator endpoint is protected, keys and documents named in a
 * body or a range are checked, sessions belong to the token that created them; and a sidecar listening beyond
 * loopback without tokens refuses to start.
 */
class SecurityIT {

	private static final String SECRET = "s3cret-orders-token-0123456789";

	/** {@code write:kv/orders/,read:kv/shared/,write:config/billing/}. */
	private static final String TENANT = "s3cret-tenant-token-0123456789";

	/** {@code write:*}. */
	private static final String ADMIN = "s3cret-admin-token-0123456789";

	private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

	private static final HttpClient http = HttpClient.newHttpClient();

	private static SidecarProcess sidecar;

	private static Path data;

	@BeforeAll
	static void start() {
		data = DataDirectories.create("sidecar-security-");
		sidecar = SidecarProcess.start("secured", FreePorts.next(), Path.of("target", "sidecar-it"),
				List.of("--coordination.node.id=secured", "--coordination.node.port=" + FreePorts.next(),
						"--coordination.node.data-dir=" + data, "--coordination.sidecar.security.enabled=true",
						"--coordination.sidecar.security.tokens.orders.secret=" + SECRET,
						"--coordination.sidecar.security.tokens.orders.permissions=write:locks/orders,read:locks/",
						"--coordination.sidecar.security.tokens.tenant.secret=" + TENANT,
						"--coordination.sidecar.security.tokens.tenant.permissions="
								+ "write:kv/orders/,read:kv/shared/,write:config/billing/",
						"--coordination.sidecar.security.tokens.admin.secret=" + ADMIN,
						"--coordination.sidecar.security.tokens.admin.permissions=write:*"));
		sidecar.awaitReady(Duration.ofMinutes(2));
	}

	@AfterAll
	static void stop() {
		if (sidecar != null) {
			sidecar.close();
		}
		DataDirectories.delete(data);
	}

	@Test
	void requestsWithoutAValidTokenAreRefusedWithAProblem() throws Exception {
		HttpResponse<String> anonymous = send("GET", "/v1/locks/orders", null);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(anonymous.body()).contains("\"code\":\"UNAUTHORIZED\"").contains("\"field\":\"Authorization\"");
		assertThat(send("GET", "/v1/locks/orders", "wrong-token-wrong-token").statusCode()).isEqualTo(401);
		// a write without a token changes nothing
		assertThat(send("POST", "/v1/locks/orders-unauthorized?owner=anonymous", null).statusCode()).isEqualTo(401);
		assertThat(send("GET", "/v1/locks/orders-unauthorized", SECRET).body()).doesNotContain("anonymous");
		// health stays open for probes
		assertThat(send("GET", "/actuator/health/readiness", null).statusCode()).isEqualTo(200);
	}

	@Test
	void permissionsAreCheckedPerPrefix() throws Exception {
		assertThat(send("GET", "/v1/locks/payments", SECRET).statusCode()).isEqualTo(200);
		HttpResponse<String> forbidden = send("DELETE", "/v1/locks/payments", SECRET);
		assertThat(forbidden.statusCode()).isEqualTo(403);
		assertThat(forbidden.body()).contains("\"code\":\"FORBIDDEN\"").contains("locks/payments");
		// writing a lock's prefix is not enough to take it from its holder: that needs write:*
		HttpResponse<String> forced = send("DELETE", "/v1/locks/orders-1", SECRET);
		assertThat(forced.statusCode()).isEqualTo(403);
		assertThat(forced.body()).contains("write:*");
		assertThat(send("DELETE", "/v1/locks/orders-1", ADMIN).statusCode()).isEqualTo(200);
	}

	@Test
	void theJavaClientSendsItsToken() {
		try (Coordination client = HttpCoordination.builder().url(sidecar.url()).token(SECRET).build()) {
			assertThat(client.lock("orders-2").tryLock()).isPresent();
			assertThatThrownBy(() -> client.lock("payments").tryLock()).hasMessageContaining("403");
		}
	}

	@Test
	void pathsTheDispatcherReadsOtherwiseAreRefusedBeforeAnyCheck() throws Exception {
		// path parameters: Tomcat strips them before mapping, so these would reach the key-value API unchecked
		for (String path : List.of("/v1;x/kv/orders/path-1", "/v1/kv;x/orders/path-1", "/v1/kv/orders/path-1;x",
				"/v1/kv/orders/path-1;", "/v1;/kv/orders/path-1")) {
			assertInvalidPath(raw("PUT", path, null, "value"), path);
			assertInvalidPath(raw("PUT", path, TENANT, "value"), path);
		}
		// dot segments, plain or percent-encoded, and empty segments
		for (String path : List.of("/v1/./kv/orders/path-1", "/v1/kv/orders/x/../path-1", "/v1/kv/orders/%2e%2e/path-1",
				"/v1/kv/orders/%2E/path-1", "/v1/kv/orders/.%2e/path-1", "/v1/kv/orders%2F..%2Fpath-1",
				"/v1/kv/orders/path-1/..", "//v1/kv/orders/path-1", "/v1//kv/orders/path-1", "/v1/kv/orders//path-1")) {
			assertInvalidPath(raw("PUT", path, null, "value"), path);
			assertInvalidPath(raw("GET", path, TENANT, null), path);
		}
		// percent-encoded letters or digits: "/%76%31/" is "/v1/" to the dispatcher only
		for (String path : List.of("/%76%31/kv/orders/path-1", "/v%31/kv/orders/path-1", "/v1/%6bv/orders/path-1",
				"/v1/%73essions", "/actuator/%63oordination/orders")) {
			assertInvalidPath(raw("PUT", path, null, "value"), path);
			assertInvalidPath(raw("DELETE", path, TENANT, null), path);
		}
		// on any path, the JSON API's size limit and the actuator included
		assertInvalidPath(raw("POST", "/v1;x/sessions", null, "{}"), "/v1;x/sessions");
		assertInvalidPath(raw("DELETE", "/actuator;x/coordination/orders", null, null), "/actuator;x/coordination");
		// nothing was written
		assertThat(send("GET", "/v1/kv/orders/path-1", TENANT).statusCode()).isEqualTo(404);
		// encoded slashes inside names keep working
		assertThat(send("PUT", "/v1/kv/orders/a%2Fb", TENANT, "slashed").statusCode()).isEqualTo(200);
		HttpResponse<String> slashed = send("GET", "/v1/kv/orders/a/b?raw=true", TENANT);
		assertThat(slashed.statusCode()).isEqualTo(200);
		assertThat(slashed.body()).isEqualTo("slashed");
		assertThat(send("GET", "/v1/locks/orders%2Feu", SECRET).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/v1/locks/orders%2Feu", null).statusCode()).isEqualTo(401);
	}

	@Test
	void theCoordinationEndpointNeedsATokenToReadAndWriteStarToWrite() throws Exception {
		String session = createSession(SECRET);
		assertThat(send("POST", "/v1/locks/orders-forced?session=" + session, SECRET).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/actuator/coordination", null).statusCode()).isEqualTo(401);
		// every lock, election and service with its metadata: read:* (an operator's view), not any valid token
		assertThat(send("GET", "/actuator/coordination", SECRET).statusCode()).isEqualTo(403);
		HttpResponse<String> report = send("GET", "/actuator/coordination", ADMIN);
		assertThat(report.statusCode()).isEqualTo(200);
		assertThat(report.body()).contains("orders-forced");
		// a forced release needs write:*, and changes nothing when refused
		assertThat(send("DELETE", "/actuator/coordination/orders-forced", null).statusCode()).isEqualTo(401);
		HttpResponse<String> refused = send("DELETE", "/actuator/coordination/orders-forced", SECRET);
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("\"code\":\"FORBIDDEN\"").contains("write:*");
		assertThat(send("GET", "/v1/locks/orders-forced", SECRET).body()).doesNotContain("\"holders\":[]");
		HttpResponse<String> released = send("DELETE", "/actuator/coordination/orders-forced", ADMIN);
		assertThat(released.statusCode()).isEqualTo(200);
		assertThat(released.body()).contains("RELEASED");
		assertThat(send("GET", "/v1/locks/orders-forced", SECRET).body()).contains("\"holders\":[]");
		// the probes stay open; info and metrics need a token
		assertThat(send("GET", "/actuator/health", null).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/actuator/info", null).statusCode()).isEqualTo(401);
		assertThat(send("GET", "/actuator/prometheus", null).statusCode()).isEqualTo(401);
		assertThat(send("GET", "/actuator/prometheus", SECRET).statusCode()).isEqualTo(200);
	}

	@Test
	void aRangeReadsOnlyWhereTheTokenMayRead() throws Exception {
		assertThat(send("PUT", "/v1/kv/orders/range-1", TENANT, "mine").statusCode()).isEqualTo(200);
		assertThat(send("PUT", "/v1/kv/secret/range-1", ADMIN, "not yours").statusCode()).isEqualTo(200);
		HttpResponse<String> outside = send("GET", "/v1/kv/orders/x?from=/&to=~", TENANT);
		assertThat(outside.statusCode()).isEqualTo(403);
		assertThat(outside.body()).contains("\"code\":\"FORBIDDEN\"").contains("\"field\":\"from\"").contains("kv/")
			.doesNotContain("not yours");
		HttpResponse<String> beyond = send("GET", "/v1/kv/orders/?from=/orders/&to=/secret0", TENANT);
		assertThat(beyond.statusCode()).isEqualTo(403);
		assertThat(beyond.body()).contains("\"field\":\"to\"").contains("kv/secret0").doesNotContain("not yours");
		assertThat(send("GET", "/v1/kv/orders/?from=/orders/&to=/orders/~&index=1&wait=0s", TENANT).statusCode())
			.isEqualTo(200);
		// within the prefix, up to the first key after it
		HttpResponse<String> within = send("GET", "/v1/kv/orders/?from=/orders/&to=/orders0", TENANT);
		assertThat(within.statusCode()).isEqualTo(200);
		assertThat(within.body()).contains("/orders/range-1").doesNotContain("/secret/");
		// a token reading everything reads any range
		assertThat(send("GET", "/v1/kv/?from=/&to=/~", ADMIN).body()).contains("/secret/range-1");
	}

	@Test
	void everyKeyOfATransactionIsChecked() throws Exception {
		assertThat(send("PUT", "/v1/kv/secret/txn", ADMIN, "1").statusCode()).isEqualTo(200);
		HttpResponse<String> write = send("POST", "/v1/kv-txn", TENANT, """
				{"then": [{"op": "put", "key": "/orders/txn-1", "value": "1"},
				          {"op": "put", "key": "/secret/txn", "value": "2"}]}""");
		assertThat(write.statusCode()).isEqualTo(403);
		assertThat(write.body()).contains("\"code\":\"FORBIDDEN\"").contains("\"field\":\"then[1].key\"")
			.contains("kv/secret/txn");
		HttpResponse<String> delete = send("POST", "/v1/kv-txn", TENANT, """
				{"then": [{"op": "put", "key": "/orders/txn-1", "value": "1"}],
				 "otherwise": [{"op": "delete", "key": "/secret/", "prefix": true}]}""");
		assertThat(delete.statusCode()).isEqualTo(403);
		assertThat(delete.body()).contains("\"field\":\"otherwise[0].key\"");
		HttpResponse<String> read = send("POST", "/v1/kv-txn", TENANT, """
				{"compares": [{"key": "/secret/txn", "target": "VALUE", "operator": "EQUAL", "value": "1"}],
				 "then": [{"op": "put", "key": "/orders/txn-1", "value": "1"}]}""");
		assertThat(read.statusCode()).isEqualTo(403);
		assertThat(read.body()).contains("\"field\":\"compares[0].key\"");
		HttpResponse<String> get = send("POST", "/v1/kv-txn", TENANT, """
				{"then": [{"op": "put", "key": "/orders/txn-1", "value": "1"},
				          {"op": "get", "key": "/secret/txn"}]}""");
		assertThat(get.statusCode()).isEqualTo(403);
		assertThat(get.body()).contains("\"field\":\"then[1].key\"");
		// a read permission reads, but does not write
		HttpResponse<String> shared = send("POST", "/v1/kv-txn", TENANT, """
				{"then": [{"op": "put", "key": "/shared/txn", "value": "1"}]}""");
		assertThat(shared.statusCode()).isEqualTo(403);
		// nothing was written
		assertThat(send("GET", "/v1/kv/orders/txn-1", TENANT).statusCode()).isEqualTo(404);
		assertThat(send("GET", "/v1/kv/secret/txn?raw=true", ADMIN).body()).isEqualTo("1");
		assertThat(send("GET", "/v1/kv/shared/txn", TENANT).statusCode()).isEqualTo(404);
		// a transaction within the token's permissions commits
		HttpResponse<String> allowed = send("POST", "/v1/kv-txn", TENANT, """
				{"compares": [{"key": "/shared/flag", "target": "VERSION", "operator": "EQUAL", "number": 0}],
				 "then": [{"op": "put", "key": "/orders/txn-1", "value": "1"},
				          {"op": "get", "key": "/shared/", "prefix": true}]}""");
		assertThat(allowed.statusCode()).isEqualTo(200);
		assertThat(send("GET", "/v1/kv/orders/txn-1?raw=true", TENANT).body()).isEqualTo("1");
		// a token without any key-value permission passes the filter, not the transaction
		HttpResponse<String> none = send("POST", "/v1/kv-txn", SECRET, """
				{"then": [{"op": "get", "key": "/orders/txn-1"}]}""");
		assertThat(none.statusCode()).isEqualTo(403);
		assertThat(none.body()).contains("Token 'orders'").contains("kv/orders/txn-1");
	}

	@Test
	void everyDocumentOfAMultiDocumentChangeIsChecked() throws Exception {
		String both = """
				{"changes": [{"application": "billing", "profile": "sec", "format": "PROPERTIES", "content": "a=1"},
				             {"application": "payments", "profile": "sec", "format": "PROPERTIES", "content": "a=1"}]%s}""";
		HttpResponse<String> changes = send("POST", "/v1/config-changes", TENANT, both.formatted(""));
		assertThat(changes.statusCode()).isEqualTo(403);
		assertThat(changes.body()).contains("\"code\":\"FORBIDDEN\"").contains("\"field\":\"changes[1]\"")
			.contains("config/payments/sec");
		HttpResponse<String> rollout = send("POST", "/v1/config-rollouts", TENANT,
				both.formatted(", \"rollout\": {\"percentage\": 10}"));
		assertThat(rollout.statusCode()).isEqualTo(403);
		assertThat(rollout.body()).contains("config/payments/sec");
		// nothing was written
		assertThat(send("GET", "/v1/config/billing/sec", ADMIN).statusCode()).isEqualTo(404);
		assertThat(send("GET", "/v1/config/payments/sec", ADMIN).statusCode()).isEqualTo(404);
		HttpResponse<String> allowed = send("POST", "/v1/config-changes", TENANT, """
				{"changes": [{"application": "billing", "profile": "sec", "format": "PROPERTIES", "content": "a=1"}]}""");
		assertThat(allowed.statusCode()).isEqualTo(200);
		assertThat(send("GET", "/v1/config/billing/sec", ADMIN).statusCode()).isEqualTo(200);
	}

	@Test
	void aSessionBelongsToTheTokenThatCreatedIt() throws Exception {
		String mine = createSession(SECRET);
		String theirs = createSession(TENANT);
		for (HttpResponse<String> refused : List.of(send("GET", "/v1/sessions/" + theirs, SECRET),
				send("PUT", "/v1/sessions/" + theirs + "/renew", SECRET),
				send("GET", "/v1/sessions/" + theirs + "/events", SECRET),
				send("DELETE", "/v1/sessions/" + theirs, SECRET),
				send("POST", "/v1/locks/orders-session?session=" + theirs, SECRET),
				send("POST", "/v1/locks/orders-session?session=" + mine + "&session=" + theirs, SECRET),
				send("DELETE", "/v1/locks/orders-session/holds/1?session=" + theirs, SECRET))) {
			assertThat(refused.statusCode()).isEqualTo(403);
			assertThat(refused.body()).contains("\"code\":\"FORBIDDEN\"").contains("\"field\":\"session\"");
		}
		// nothing changed: their session lives, the lock was not taken with it
		assertThat(send("GET", "/v1/sessions/" + theirs, TENANT).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/v1/locks/orders-session", SECRET).body()).contains("\"holders\":[]");
		// the list shows the caller's own sessions, all of them to write:*
		HttpResponse<String> own = send("GET", "/v1/sessions", SECRET);
		assertThat(own.statusCode()).isEqualTo(200);
		assertThat(own.body()).contains(mine).doesNotContain(theirs);
		assertThat(send("GET", "/v1/sessions", TENANT).body()).contains(theirs).doesNotContain(mine);
		assertThat(send("GET", "/v1/sessions", ADMIN).body()).contains(mine, theirs);
		// the creator uses its session
		assertThat(send("POST", "/v1/locks/orders-session?session=" + mine, SECRET).statusCode()).isEqualTo(200);
		assertThat(send("DELETE", "/v1/sessions/" + mine, SECRET).statusCode()).isEqualTo(204);
		// an operator (write:*) looks at and ends any session
		assertThat(send("GET", "/v1/sessions/" + theirs, ADMIN).statusCode()).isEqualTo(200);
		assertThat(send("DELETE", "/v1/sessions/" + theirs, ADMIN).statusCode()).isEqualTo(204);
		// an ended session stays its creator's: its last events are not another token's to read
		assertThat(events(theirs, SECRET).statusCode()).isEqualTo(403);
		HttpResponse<String> last = events(theirs, TENANT);
		assertThat(last.statusCode()).isEqualTo(200);
		assertThat(last.body()).contains("session-ended");
	}

	/**
	 * The token used to be checked after the body was read: 420 slow anonymous uploads held the server's threads
	 * until its liveness probe timed out, and 120 anonymous 4 MiB bodies exhausted its heap.
	 */
	@Test
	void anAnonymousCallerIsRefusedBeforeAnyOfItsBodyIsRead() throws Exception {
		URI base = URI.create(sidecar.url());
		for (String path : List.of("/v1/kv-txn", "/v1/kv/orders/x", "/v1/sessions")) {
			try (Socket socket = new Socket(base.getHost(), base.getPort())) {
				socket.setSoTimeout(10_000);
				OutputStream out = socket.getOutputStream();
				// a chunked body that never ends
				out.write(("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: application/json"
						+ "\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n{\"compare\": [   \r\n")
					.getBytes(StandardCharsets.US_ASCII));
				out.flush();
				byte[] head = socket.getInputStream().readNBytes(12);
				assertThat(new String(head, StandardCharsets.US_ASCII)).as(path).isEqualTo("HTTP/1.1 401");
			}
		}
	}

	@Test
	void aChunkedBodyPastTheLimitIsCutOffAsItIsRead() throws Exception {
		URI base = URI.create(sidecar.url());
		try (Socket socket = new Socket(base.getHost(), base.getPort())) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /v1/sessions HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: Bearer " + SECRET
					+ "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			byte[] chunk = ("{\"ttl\": \"60s\", \"checks\": [" + " ".repeat(64 * 1024)).getBytes(StandardCharsets.US_ASCII);
			String response = null;
			try {
				// 4 MiB is the limit: at most 5 MiB are ever sent, the server answers once it is past 4
				for (int i = 0; i < 80; i++) {
					out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
					out.write(chunk);
					out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
					chunk = " ".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
				}
				out.flush();
			}
			catch (java.io.IOException ex) {
				// the server closed the connection after answering
			}
			response = new String(socket.getInputStream().readNBytes(4096), StandardCharsets.UTF_8);
			assertThat(response).startsWith("HTTP/1.1 413").contains("\"code\":\"REQUEST_TOO_LARGE\"");
		}
	}

	@Test
	void aSidecarListeningBeyondLoopbackWithoutTokensDoesNotStart() throws Exception {
		Path other = DataDirectories.create("sidecar-insecure-");
		SidecarProcess insecure = SidecarProcess.start("insecure", FreePorts.next(), Path.of("target", "sidecar-it"),
				List.of("--server.address=0.0.0.0", "--coordination.node.id=insecure",
						"--coordination.node.port=" + FreePorts.next(), "--coordination.node.data-dir=" + other));
		try {
			await().atMost(Duration.ofMinutes(2)).until(() -> !insecure.isAlive());
			assertThat(Files.readString(Path.of("target", "sidecar-it", "insecure.log")))
				.contains("requires bearer tokens, but none is configured");
		}
		finally {
			insecure.close();
			DataDirectories.delete(other);
		}
	}

	private static HttpResponse<String> send(String method, String path, String token) throws Exception {
		return send(method, path, token, null);
	}

	private static HttpResponse<String> send(String method, String path, String token, String body)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sidecar.url() + path))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
					: HttpRequest.BodyPublishers.noBody());
		if (body != null && body.startsWith("{")) {
			request.header("Content-Type", "application/json");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> events(String session, String token) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(sidecar.url() + "/v1/sessions/" + session + "/events"))
			.header("Accept", "application/json")
			.header("Authorization", "Bearer " + token)
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static String createSession(String token) throws Exception {
		HttpResponse<String> created = send("POST", "/v1/sessions", token, "{\"ttl\": \"60s\"}");
		assertThat(created.statusCode()).isEqualTo(201);
		Matcher id = ID.matcher(created.body());
		assertThat(id.find()).isTrue();
		return id.group(1);
	}

	/**
	 * Sends a request exactly as written (an HTTP client would normalize its path): status line, headers and body.
	 */
	private static String raw(String method, String path, String token, String body) throws Exception {
		URI base = URI.create(sidecar.url());
		try (Socket socket = new Socket(base.getHost(), base.getPort())) {
			socket.setSoTimeout(10_000);
			byte[] content = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
			StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + base.getHost()
					+ ":" + base.getPort() + "\r\nConnection: close\r\nContent-Length: " + content.length + "\r\n");
			if (token != null) {
				request.append("Authorization: Bearer ").append(token).append("\r\n");
			}
			OutputStream out = socket.getOutputStream();
			out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
			out.write(content);
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static void assertInvalidPath(String response, String path) {
		assertThat(response).as(path).startsWith("HTTP/1.1 400 ");
		assertThat(response).as(path).contains("application/problem+json").contains("\"code\":\"INVALID_PATH\"")
			.contains("\"field\":\"path\"");
	}

}
