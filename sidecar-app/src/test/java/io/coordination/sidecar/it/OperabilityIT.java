package io.coordination.sidecar.it;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import io.coordination.lock.LockLease;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operators and tooling read from a running agent: the OpenAPI description and its UI page, liveness and
 * readiness probes, Prometheus meters (the starter's and HTTP server metrics) and the cluster view.
 */
class OperabilityIT {

	@RegisterExtension
	static final SidecarEnsemble ensemble = new SidecarEnsemble();

	private static RawApi agent;

	@BeforeAll
	static void connect() {
		agent = new RawApi(SidecarEnsemble.ensemble().agent().url());
	}

	@Test
	void theApiIsDescribedWithOpenApi() {
		RawApi.Answer docs = agent.get("/v3/api-docs");
		assertThat(docs.status()).isEqualTo(200);
		JsonNode paths = docs.json().path("paths");
		assertThat(paths.has("/v1/locks/{name}")).isTrue();
		assertThat(paths.has("/v1/sessions")).isTrue();
		assertThat(paths.has("/v1/kv-txn")).isTrue();
		assertThat(paths.has("/v1/services/{service}/instances/{instanceId}")).isTrue();
		assertThat(paths.has("/v1/config/{application}/{profile}/versions")).isTrue();
		RawApi.Answer ui = agent.send("GET", "/swagger-ui/index.html", null, null);
		assertThat(ui.status()).isEqualTo(200);
		assertThat(ui.body()).containsIgnoringCase("swagger");
	}

	@Test
	void probesAndMetricsAreServed() {
		assertThat(agent.get("/actuator/health/liveness").json().path("status").asString()).isEqualTo("UP");
		assertThat(agent.get("/actuator/health/readiness").json().path("status").asString()).isEqualTo("UP");
		try (LockLease lease = ensemble.client(0).lock("operability").lock()) {
			assertThat(agent.get("/v1/locks/operability").body()).contains(Long.toString(lease.fencingToken()));
		}
		RawApi.Answer metrics = agent.request("GET", "/actuator/prometheus", Map.of("Accept", "text/plain"), null);
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("coordination_raft_term").contains("http_server_requests_seconds");
	}

	@Test
	void theClusterViewNamesMembersRolesAndLeaders() {
		JsonNode cluster = agent.get("/v1/cluster").json();
		assertThat(cluster.path("member").asString()).isEqualTo("agent");
		assertThat(cluster.path("members")).hasSize(4);
		JsonNode partition = cluster.path("partitions").get(0);
		assertThat(partition.path("voters")).hasSize(3);
		assertThat(partition.path("leader").asString()).startsWith("server-");
		assertThat(partition.path("localRole").asString()).isEqualTo("CLIENT");
		// a voter knows its Raft role, the term and the commit index as well
		JsonNode voter = new RawApi(SidecarEnsemble.ensemble().servers().get(0).url()).get("/v1/cluster")
			.json()
			.path("partitions")
			.get(0);
		assertThat(voter.path("localRole").asString()).isIn("LEADER", "FOLLOWER");
		assertThat(voter.path("term").asLong()).isPositive();
		assertThat(voter.path("commitIndex").asLong()).isPositive();
	}

}
