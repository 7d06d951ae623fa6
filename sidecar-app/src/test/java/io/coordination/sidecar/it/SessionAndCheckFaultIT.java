package io.coordination.sidecar.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.coordination.Coordination;
import io.coordination.discovery.HealthStatus;
import io.coordination.discovery.ServiceInstance;
import io.coordination.lock.LockLease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults of the application beside the agent: it stops renewing its session, or its health check fails.
 */
class SessionAndCheckFaultIT {

	@RegisterExtension
	static final SidecarEnsemble ensemble = new SidecarEnsemble();

	private HttpServer application;

	private final AtomicInteger healthStatus = new AtomicInteger(200);

	private RawApi agent;

	@BeforeEach
	void startApplication() throws IOException {
		this.agent = new RawApi(SidecarEnsemble.ensemble().agent().url());
		this.application = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.application.createContext("/health", (exchange) -> {
			byte[] body = "{}".getBytes();
			exchange.sendResponseHeaders(this.healthStatus.get(), body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.application.start();
	}

	@AfterEach
	void stopApplication() {
		this.application.stop(0);
	}

	@Test
	void aSessionThatIsNotRenewedReleasesItsLocksAndRegistrations() {
		String session = this.agent.createSession("2s", null);
		RawApi.Answer grant = this.agent.send("POST", "/v1/locks/abandoned?session=" + session + "&owner=app", null,
				null);
		assertThat(grant.status()).as(grant.body()).isEqualTo(200);
		long token = grant.json().path("token").asLong();
		RawApi.Answer registered = this.agent.json("PUT",
				"/v1/services/abandoned-app/instances/app-1?session=" + session,
				"{\"host\":\"127.0.0.1\",\"port\":9000}");
		assertThat(registered.status()).as(registered.body()).isBetween(200, 201);
		Coordination other = ensemble.client(1);
		assertThat(other.discovery().instances("abandoned-app")).hasSize(1);

		// the application stops renewing (it hangs, or dies): after its TTL everything is released
		try (LockLease next = other.lock("abandoned").tryLock(Duration.ofSeconds(30)).orElseThrow()) {
			assertThat(next.fencingToken()).isGreaterThan(token);
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> other.discovery().instances("abandoned-app").isEmpty());
		// its last events say what it lost and why
		RawApi.Answer events = this.agent.get("/v1/sessions/" + session + "/events?index=0");
		assertThat(events.body()).contains("\"type\":\"lease-lost\"").contains("SESSION_EXPIRED")
			.contains("\"type\":\"session-ended\"");
		assertThat(this.agent.send("PUT", "/v1/sessions/" + session + "/renew", null, null).status()).isEqualTo(410);
	}

	@Test
	void aFailingHttpCheckEndsTheSessionsTiedToItAndDeregistersTheInstance() {
		Coordination client = ensemble.client(0);
		client.discovery()
			.register(io.coordination.discovery.ServiceRegistration
				.of("checked-app", "checked-1", "127.0.0.1", this.application.getAddress().getPort())
				.durable());
		RawApi.Answer check = this.agent.json("PUT", "/v1/checks/checked-app-web",
				"{\"type\":\"http\",\"url\":\"http://127.0.0.1:" + this.application.getAddress().getPort()
						+ "/health\",\"interval\":\"300ms\",\"timeout\":\"1s\",\"service\":\"checked-app\","
						+ "\"instanceId\":\"checked-1\",\"deregisterCriticalAfter\":\"2s\"}");
		assertThat(check.status()).as(check.body()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.agent.get("/v1/checks/checked-app-web").json().path("status").asString(),
					"PASSING"::equals);
		String session = this.agent.createSession("30s", "\"checked-app-web\"");
		RawApi.Answer grant = this.agent.send("POST", "/v1/locks/checked?session=" + session + "&owner=app", null,
				null);
		assertThat(grant.status()).isEqualTo(200);

		this.healthStatus.set(500);
		// critical: the session tied to the check ends, its lock goes to the next owner
		try (LockLease next = ensemble.client(1).lock("checked").tryLock(Duration.ofSeconds(30)).orElseThrow()) {
			assertThat(next.fencingToken()).isGreaterThan(grant.json().path("token").asLong());
		}
		assertThat(this.agent.send("PUT", "/v1/sessions/" + session + "/renew", null, null).status()).isEqualTo(410);
		List<ServiceInstance> seen = client.discovery().instances("checked-app");
		assertThat(seen).allSatisfy((instance) -> assertThat(instance.status()).isEqualTo(HealthStatus.CRITICAL));
		// and once critical for longer than deregister-critical-after, the instance is gone
		await().atMost(Duration.ofSeconds(30)).until(() -> client.discovery().instances("checked-app").isEmpty());
		this.agent.send("DELETE", "/v1/checks/checked-app-web", null, null);
	}

}
