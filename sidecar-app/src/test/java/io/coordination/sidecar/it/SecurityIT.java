package io.coordination.sidecar.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
 * Bearer tokens with per-prefix permissions, on a single-node sidecar process; and a sidecar listening beyond
 * loopback without tokens refuses to start.
 */
class SecurityIT {

	private static final String SECRET = "s3cret-orders-token-0123456789";

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
						"--coordination.sidecar.security.tokens.orders.permissions=write:locks/orders,read:locks/"));
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
		assertThat(send("DELETE", "/v1/locks/orders-1", SECRET).statusCode()).isEqualTo(200);
	}

	@Test
	void theJavaClientSendsItsToken() {
		try (Coordination client = HttpCoordination.builder().url(sidecar.url()).token(SECRET).build()) {
			assertThat(client.lock("orders-2").tryLock()).isPresent();
			assertThatThrownBy(() -> client.lock("payments").tryLock()).hasMessageContaining("403");
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
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sidecar.url() + path))
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
