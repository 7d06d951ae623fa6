package io.coordination.sidecar.it;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.coordination.testsupport.TestTimeouts;
import io.coordination.testsupport.cluster.DataDirectories;
import io.coordination.testsupport.cluster.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit of the sidecar, replayed: each test is one finding that used to succeed against a single-node sidecar
 * with tokens on, and is refused now (rows of the security issue: the management port, checks, quotas, reserved
 * prefixes, forced release, Tomcat's own errors).
 */
class SecurityRegressionIT {

	private static final String ADMIN = "admin-token-0123456789abcdef";

	private static final String READER = "reader-token-0123456789abcdef";

	/** write:kv/orders/, read:kv/, write:config/billing/, write:checks/, write:services/billing/, write:locks/. */
	private static final String TENANT = "tenant-token-0123456789abcdef";

	/** write:checks/, write:services/other/, write:locks/. */
	private static final String OTHER = "other-token-0123456789abcdef";

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static SidecarProcess sidecar;

	private static int managementPort;

	private static Path data;

	@BeforeAll
	static void start() {
		data = DataDirectories.create("sidecar-regression-");
		managementPort = FreePorts.next();
		sidecar = SidecarProcess.start("regression", FreePorts.next(), Path.of("target", "sidecar-it"), List.of(
				"--coordination.node.id=regression", "--coordination.node.port=" + FreePorts.next(),
				"--coordination.node.data-dir=" + data, "--coordination.sidecar.security.enabled=true",
				"--management.server.port=" + managementPort, "--management.server.address=127.0.0.1",
				"--coordination.sidecar.security.tokens.admin.secret=" + ADMIN,
				"--coordination.sidecar.security.tokens.admin.permissions=write:*",
				"--coordination.sidecar.security.tokens.reader.secret=" + READER,
				"--coordination.sidecar.security.tokens.reader.permissions=read:*",
				"--coordination.sidecar.security.tokens.tenant.secret=" + TENANT,
				"--coordination.sidecar.security.tokens.tenant.permissions=write:kv/orders/,read:kv/,"
						+ "write:config/billing/,write:checks/,write:services/billing/,write:locks/",
				"--coordination.sidecar.security.tokens.other.secret=" + OTHER,
				"--coordination.sidecar.security.tokens.other.permissions=write:checks/,write:services/other/,"
						+ "write:locks/",
				"--coordination.sidecar.limits.waits-per-token=3", "--coordination.sidecar.limits.max-checks=6",
				"--coordination.sidecar.limits.stream-buffer=256KB"));
		await().atMost(TestTimeouts.seconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
			try {
				return send("GET", management("/actuator/health/readiness"), null, null).statusCode() == 200;
			}
			catch (Exception ex) {
				return false;
			}
		});
	}

	@AfterAll
	static void stop() {
		if (sidecar != null) {
			sidecar.close();
		}
		DataDirectories.delete(data);
	}

	/** Row 2: the management port answered {@code /actuator/coordination}, its forced-release DELETE too, to anyone. */
	@Test
	void theManagementPortHasTheSameTokenAndPathRules() throws Exception {
		assertThat(send("GET", management("/actuator/coordination"), null, null).statusCode()).isEqualTo(401);
		assertThat(send("DELETE", management("/actuator/coordination/orders"), null, null).statusCode()).isEqualTo(401);
		assertThat(send("GET", management("/actuator/health/liveness"), null, null).statusCode()).isEqualTo(200);
		assertThat(send("DELETE", management("/actuator/coordination/orders"), READER, null).statusCode())
			.isEqualTo(403);
		assertThat(raw(managementPort, "GET /actuator/coordination;x=1 HTTP/1.1", READER)).startsWith("HTTP/1.1 400");
	}

	/** Row 10: any valid token read every lock, election, semaphore and service with its metadata. */
	@Test
	void theCoordinationEndpointIsAnOperatorsView() throws Exception {
		assertThat(send("GET", management("/actuator/coordination"), TENANT, null).statusCode()).isEqualTo(403);
		assertThat(send("GET", management("/actuator/coordination"), READER, null).statusCode()).isEqualTo(200);
	}

	/** Row 6: write:checks/ set the health of, and deregistered, any service's instance. */
	@Test
	void aCheckMayOnlyJudgeAnInstanceItsTokenMayWrite() throws Exception {
		HttpResponse<String> foreign = send("PUT", api("/v1/checks/spy"), TENANT,
				"{\"type\":\"ttl\",\"ttl\":\"30s\",\"service\":\"payments\",\"instanceId\":\"p-1\"}");
		assertThat(foreign.statusCode()).isEqualTo(403);
		assertThat(foreign.body()).contains("services/payments/instances/p-1");
		assertThat(send("PUT", api("/v1/checks/billing-ttl"), TENANT,
				"{\"type\":\"ttl\",\"ttl\":\"30s\",\"service\":\"billing\",\"instanceId\":\"b-1\"}").statusCode())
			.isEqualTo(200);
		send("DELETE", api("/v1/checks/billing-ttl"), TENANT, null);
	}

	/** Rows 15 and 16: a refused registration replaced the check, and another token could fail a check. */
	@Test
	void aCheckBelongsToItsTokenAndARefusedRegistrationChangesNothing() throws Exception {
		assertThat(send("PUT", api("/v1/checks/owned"), TENANT, "{\"type\":\"ttl\",\"ttl\":\"30s\"}").statusCode())
			.isEqualTo(200);
		assertThat(send("PUT", api("/v1/checks/owned"), TENANT,
				"{\"type\":\"tcp\",\"address\":\"127.0.0.1:1\",\"interval\":\"1ms\"}").statusCode()).isEqualTo(400);
		assertThat(send("GET", api("/v1/checks/owned"), TENANT, null).body()).contains("\"type\":\"TTL\"");
		assertThat(send("PUT", api("/v1/checks/owned/fail"), OTHER, null).statusCode()).isEqualTo(403);
		assertThat(send("PUT", api("/v1/checks/owned"), OTHER, "{\"type\":\"ttl\",\"ttl\":\"1s\"}").statusCode())
			.isEqualTo(403);
		assertThat(send("DELETE", api("/v1/checks/owned"), OTHER, null).statusCode()).isEqualTo(403);
		assertThat(send("GET", api("/v1/checks/owned"), TENANT, null).body()).contains("\"status\":\"PASSING\"");
		assertThat(send("PUT", api("/v1/checks/owned/fail"), ADMIN, null).statusCode()).isEqualTo(200);
		assertThat(send("DELETE", api("/v1/checks/owned"), TENANT, null).statusCode()).isEqualTo(204);
	}

	/** Row 7: checks probed any host and port for any token, as often as every millisecond, without limit. */
	@Test
	void checksReachOnlyAllowedTargetsAndAreBounded() throws Exception {
		HttpResponse<String> outside = send("PUT", api("/v1/checks/ssrf"), OTHER,
				"{\"type\":\"tcp\",\"address\":\"192.0.2.10:22\",\"interval\":\"10s\"}");
		assertThat(outside.statusCode()).isEqualTo(400);
		assertThat(outside.body()).contains("check-targets");
		List<String> ids = new ArrayList<>();
		int status = 200;
		for (int i = 0; i < 10 && status == 200; i++) {
			ids.add("many-" + i);
			status = send("PUT", api("/v1/checks/many-" + i), OTHER, "{\"type\":\"ttl\",\"ttl\":\"60s\"}").statusCode();
		}
		assertThat(status).isEqualTo(429);
		for (String id : ids) {
			send("DELETE", api("/v1/checks/" + id), OTHER, null);
		}
	}

	/**
	 * Row 12: two HTTP checks against a body that never ends stalled every check of the agent, so a TTL check that
	 * nobody reported to never went critical.
	 */
	@Test
	void aCheckWhoseTargetNeverFinishesDelaysNoOtherCheck() throws Exception {
		try (ServerSocket endless = new ServerSocket()) {
			endless.bind(new InetSocketAddress("127.0.0.1", 0));
			Thread server = new Thread(() -> serveEndlessBodies(endless), "endless-body");
			server.setDaemon(true);
			server.start();
			String url = "http://127.0.0.1:" + endless.getLocalPort() + "/";
			for (String id : List.of("endless-1", "endless-2")) {
				assertThat(send("PUT", api("/v1/checks/" + id), ADMIN,
						"{\"type\":\"http\",\"url\":\"" + url + "\",\"interval\":\"1s\",\"timeout\":\"1s\"}")
					.statusCode()).isEqualTo(200);
			}
			assertThat(send("PUT", api("/v1/checks/silent"), ADMIN, "{\"type\":\"ttl\",\"ttl\":\"2s\"}").statusCode())
				.isEqualTo(200);
			await().atMost(TestTimeouts.seconds(30))
				.until(() -> send("GET", api("/v1/checks/silent"), ADMIN, null).body().contains("CRITICAL"));
			await().atMost(TestTimeouts.seconds(30))
				.until(() -> send("GET", api("/v1/checks/endless-1"), ADMIN, null).body().contains("PASSING"));
			for (String id : List.of("endless-1", "endless-2", "silent")) {
				send("DELETE", api("/v1/checks/" + id), ADMIN, null);
			}
		}
	}

	/** Row 11: read:kv/ read configuration documents through /v1/kv/_config/ while /v1/config answered 403. */
	@Test
	void keysOfConfigurationAndDiscoveryNeedTheirOwnPermissions() throws Exception {
		assertThat(send("POST", api("/v1/config/payments/default/versions"), ADMIN,
				"{\"format\":\"properties\",\"content\":\"secret.key=swordfish\"}").statusCode()).isEqualTo(201);
		assertThat(send("GET", api("/v1/config/payments/default"), TENANT, null).statusCode()).isEqualTo(403);
		assertThat(send("GET", api("/v1/kv/_config/payments/default/head"), TENANT, null).statusCode())
			.isEqualTo(403);
		HttpResponse<String> listing = send("GET", api("/v1/kv/?prefix=true"), TENANT, null);
		assertThat(listing.statusCode()).isEqualTo(200);
		assertThat(listing.body()).doesNotContain("_config").doesNotContain("swordfish");
		HttpResponse<String> range = send("GET", api("/v1/kv/?from=/&to=/~"), TENANT, null);
		assertThat(range.statusCode()).isEqualTo(200);
		assertThat(range.body()).doesNotContain("_config");
		assertThat(send("GET", api("/v1/kv/_config/payments/default/head"), READER, null).statusCode())
			.isEqualTo(200);
	}

	/** Row 16: any writer of a lock's prefix force-released another token's hold. */
	@Test
	void forcedReleaseIsForOperators() throws Exception {
		HttpResponse<String> refused = send("DELETE", api("/v1/locks/orders-held"), TENANT, null);
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("write:*");
		assertThat(send("DELETE", api("/v1/locks/orders-held"), ADMIN, null).statusCode()).isEqualTo(200);
	}

	/** Row 9: a read-only token's blocking queries held every server thread. */
	@Test
	void waitingRequestsAreLimitedPerToken() throws Exception {
		long revision = Long.parseLong(send("GET", api("/v1/kv-revision"), READER, null).body()
			.replaceAll(".*\"revision\":(\\d+).*", "$1"));
		List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			waiting.add(sendAsync(api("/v1/kv/orders/wake?index=" + revision + "&wait=20s"), READER));
		}
		await().atMost(TestTimeouts.seconds(30)).until(() -> {
			HttpResponse<String> fourth = send("GET", api("/v1/kv/orders/wake?index=" + revision + "&wait=1s"), READER,
					null);
			return fourth.statusCode() == 429 && fourth.body().contains("waits-per-token");
		});
		// another token is not held back
		assertThat(send("GET", api("/v1/kv/orders/other?index=" + revision + "&wait=100ms"), TENANT, null)
			.statusCode()).isIn(200, 404);
		assertThat(send("PUT", api("/v1/kv/orders/wake"), TENANT, "x").statusCode()).isEqualTo(200);
		for (CompletableFuture<HttpResponse<String>> wait : waiting) {
			wait.get(30, TimeUnit.SECONDS);
		}
		await().atMost(TestTimeouts.seconds(30))
			.until(() -> send("GET", api("/v1/kv/waits/x?index=" + revision + "&wait=100ms"), READER, null)
				.statusCode() != 429);
	}

	/**
	 * Row 8: a client that never read its event stream, with large values written, filled the heap: the stream's
	 * queue was bounded by count only.
	 */
	@Test
	void aSlowStreamIsEndedOnceItsQueueHoldsTooManyBytes() throws Exception {
		URI base = URI.create(sidecar.url());
		try (Socket reader = new Socket(base.getHost(), base.getPort())) {
			reader.setReceiveBufferSize(4096);
			reader.setSoTimeout((int) TestTimeouts.seconds(60).toMillis());
			OutputStream out = reader.getOutputStream();
			out.write(("GET /v1/kv-watch/big/?prefix=true HTTP/1.1\r\nHost: " + base.getHost()
					+ "\r\nAccept: text/event-stream\r\nConnection: close\r\nAuthorization: Bearer " + TENANT
					+ "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			Thread.sleep(500); // the watch is registered; the client now stops reading
			String value = "v".repeat(200 * 1024);
			for (int i = 0; i < 30; i++) {
				assertThat(send("PUT", api("/v1/kv/orders/big-" + i), TENANT, value).statusCode()).isEqualTo(200);
			}
			// the server gave up on the stream: reading to the end terminates
			InputStream in = reader.getInputStream();
			byte[] buffer = new byte[64 * 1024];
			long read = 0;
			int n;
			while ((n = in.read(buffer)) >= 0) {
				read += n;
			}
			assertThat(read).isLessThan(30L * 200 * 1024);
		}
		assertThat(send("GET", management("/actuator/health/liveness"), null, null).statusCode()).isEqualTo(200);
	}

	/** Row 17: Tomcat answered HTML, /error a 500, and OpenAPI and metrics were open beyond the probes. */
	@Test
	void everyErrorIsAProblemAndOnlyTheProbesAreAnonymous() throws Exception {
		for (String line : List.of("GET /v1/kv/%00 HTTP/1.1", "GET /v1/kv/%c0%ae HTTP/1.1", "GET /v1\\kv HTTP/1.1")) {
			String answer = raw(URI.create(sidecar.url()).getPort(), line, TENANT);
			assertThat(answer).as(line).startsWith("HTTP/1.1 400").contains("application/problem+json")
				.doesNotContain("<html").doesNotContain("Tomcat");
		}
		String longLine = raw(URI.create(sidecar.url()).getPort(), "GET /v1/kv/" + "a".repeat(20_000) + " HTTP/1.1",
				TENANT);
		assertThat(longLine).doesNotContain("<html");
		HttpResponse<String> error = send("GET", api("/error"), null, null);
		assertThat(error.statusCode()).isEqualTo(404);
		assertThat(error.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(send("GET", api("/v3/api-docs"), null, null).statusCode()).isEqualTo(401);
		assertThat(send("GET", api("/v3/api-docs"), READER, null).statusCode()).isEqualTo(200);
		assertThat(send("GET", management("/actuator/prometheus"), null, null).statusCode()).isIn(401, 404);
		assertThat(send("GET", management("/actuator/health"), null, null).body()).doesNotContain("components");
		assertThat(send("GET", management("/actuator/health"), READER, null).body()).contains("components");
	}

	private static void serveEndlessBodies(ServerSocket server) {
		while (!server.isClosed()) {
			try {
				Socket client = server.accept();
				Thread writer = new Thread(() -> {
					try (client) {
						OutputStream out = client.getOutputStream();
						out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
						while (true) {
							out.write("1\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
							out.flush();
							Thread.sleep(200);
						}
					}
					catch (Exception ex) {
						// the check gave up
					}
				});
				writer.setDaemon(true);
				writer.start();
			}
			catch (java.io.IOException ex) {
				return;
			}
		}
	}

	private static String api(String path) {
		return sidecar.url() + path;
	}

	private static String management(String path) {
		return "http://127.0.0.1:" + managementPort + path;
	}

	private static HttpResponse<String> send(String method, String url, String token, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(60))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
					: HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", body.startsWith("{") ? "application/json" : "application/octet-stream");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static CompletableFuture<HttpResponse<String>> sendAsync(String url, String token) {
		return http.sendAsync(HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", "Bearer " + token)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A request written as is (an HTTP client would normalize or refuse it). */
	private static String raw(int port, String requestLine, String token) throws Exception {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write((requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: Bearer " + token
					+ "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
