package io.coordination.sidecar.it;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.coordination.Coordination;
import io.coordination.discovery.ServiceRegistration;
import io.coordination.testsupport.TestTimeouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Blocking queries ({@code ?index=&wait=}) for clients that do not follow event streams: a query with the index of
 * the last answer is held until something changes (or the wait ends) and answers with the new state and the index
 * to ask from next.
 */
class BlockingQueryIT {

	@RegisterExtension
	static final SidecarEnsemble ensemble = new SidecarEnsemble();

	private static RawApi agent;

	@BeforeAll
	static void connect() {
		agent = new RawApi(SidecarEnsemble.ensemble().agent().url());
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "services", "groups", "kv" })
	void aQueryWithTheLastIndexWaitsForTheNextChange(String family) throws Exception {
		Coordination writer = ensemble.client(1);
		Function<Integer, Runnable> change = switch (family) {
			case "services" -> (n) -> () -> writer.discovery()
				.register(ServiceRegistration.of("blocking-svc", "i-" + n, "127.0.0.1", 9000 + n));
			case "groups" -> (n) -> () -> writer.group("blocking-group").join("m-" + n, java.util.Map.of());
			default -> (n) -> () -> writer.keyValue().put("/blocking/key", "v" + n);
		};
		String path = switch (family) {
			case "services" -> "/v1/services/blocking-svc";
			case "groups" -> "/v1/groups/blocking-group";
			default -> "/v1/kv/blocking/key";
		};
		change.apply(1).run();
		RawApi.Answer first = agent.get(path + ((family.equals("kv")) ? "?index=0" : ""));
		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(first.index()).isPositive();

		// nothing changes: the query answers when its wait ends, with the same index
		RawApi.Answer unchanged = agent.get(path + "?index=" + first.index() + "&wait=300ms");
		assertThat(unchanged.index()).isEqualTo(first.index());
		assertThat(unchanged.body()).isEqualTo(first.body());

		CompletableFuture<RawApi.Answer> waiting = CompletableFuture
			.supplyAsync(() -> agent.get(path + "?index=" + first.index() + "&wait=60s"));
		// held while nothing changes
		await().during(Duration.ofMillis(300)).atMost(TestTimeouts.scaled(Duration.ofSeconds(5)))
			.until(() -> !waiting.isDone());
		change.apply(2).run();
		RawApi.Answer next = waiting.get(30, java.util.concurrent.TimeUnit.SECONDS);
		assertThat(next.index()).isGreaterThan(first.index());
		assertThat(next.body()).isNotEqualTo(first.body()).contains(family.equals("kv") ? "v2" : "-2");
	}

	@Test
	void aWaitBeyondTheLimitIsRefused() {
		RawApi.Answer refused = agent.get("/v1/services/blocking-svc?index=1&wait=1d");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().path("field").asString()).isEqualTo("wait");
	}

}
