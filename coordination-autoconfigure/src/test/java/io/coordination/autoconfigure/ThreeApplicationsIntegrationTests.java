package io.coordination.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import io.coordination.Lease;
import io.coordination.annotation.DistributedLock;
import io.coordination.annotation.LeaderContext;
import io.coordination.annotation.LeaderOnly;
import io.coordination.annotation.LockContext;
import io.coordination.config.ConfigChange;
import io.coordination.config.ConfigFormat;
import io.coordination.config.ConfigStore;
import io.coordination.testsupport.cluster.DataDirectories;
import io.coordination.testsupport.cluster.FreePorts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three Spring Boot web applications with the starter form a three-voter cluster in one JVM: leader-only scheduling,
 * a lock-serialized counter, live configuration, discovery and the actuator endpoints, as a user sees them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeApplicationsIntegrationTests {

	private static final List<String> NAMES = List.of("alpha", "beta", "gamma");

	/** Runs of the leader-only job: application name and leadership term. */
	static final List<Run> runs = new CopyOnWriteArrayList<>();

	/** Entries into the lock-protected section, in entry order. */
	static final List<Long> tokens = new CopyOnWriteArrayList<>();

	/** Set when two callers were ever inside the lock-protected section at once. */
	static volatile boolean overlapped;

	static final AtomicInteger inside = new AtomicInteger();

	static int counter;

	private static final Map<String, ConfigurableApplicationContext> contexts = new ConcurrentHashMap<>();

	private static final List<Path> dataDirectories = new ArrayList<>();

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private static final JsonMapper json = JsonMapper.builder().build();

	@BeforeAll
	static void startThreeApplications() throws Exception {
		List<Integer> ports = NAMES.stream().map((name) -> FreePorts.next()).toList();
		String members = NAMES.stream()
			.map((name) -> name + "@127.0.0.1:" + ports.get(NAMES.indexOf(name)))
			.collect(Collectors.joining(","));
		ExecutorService starters = Executors.newFixedThreadPool(NAMES.size());
		try {
			List<Future<ConfigurableApplicationContext>> started = new ArrayList<>();
			for (String name : NAMES) {
				Path data = DataDirectories.create("coordination-three-apps-" + name + "-");
				dataDirectories.add(data);
				int port = ports.get(NAMES.indexOf(name));
				// every application waits at start-up for a majority of the voters: start them together
				started.add(starters.submit(() -> start(name, port, data, members)));
			}
			for (int i = 0; i < NAMES.size(); i++) {
				contexts.put(NAMES.get(i), started.get(i).get(3, TimeUnit.MINUTES));
			}
		}
		finally {
			starters.shutdownNow();
		}
	}

	private static ConfigurableApplicationContext start(String name, int port, Path data, String members) {
		return new SpringApplicationBuilder(DemoApplication.class).properties("spring.application.name=demo",
				"spring.config.import=optional:coordination:", "server.port=0", "server.address=127.0.0.1",
				"spring.main.banner-mode=off", "test.name=" + name, "coordination.node.id=" + name,
				"coordination.node.host=127.0.0.1", "coordination.node.port=" + port,
				"coordination.node.data-dir=" + data, "coordination.cluster.members=" + members,
				"coordination.discovery.host=127.0.0.1", "coordination.discovery.instance-id=demo-" + name,
				"coordination.discovery.check.type=http", "coordination.discovery.check.interval=1s",
				"coordination.discovery.metadata.name=" + name,
				"management.endpoints.web.exposure.include=health,info,coordination,prometheus",
				"management.endpoint.health.show-details=always", "management.endpoint.health.probes.enabled=true")
			.run();
	}

	@AfterAll
	static void stopApplications() {
		contexts.values().forEach(ConfigurableApplicationContext::close);
		dataDirectories.forEach(DataDirectories::delete);
	}

	@Test
	@Order(1)
	void theLockSerializesACounterAcrossTheThreeWithIncreasingTokens() throws Exception {
		int perApplication = 15;
		CountDownLatch go = new CountDownLatch(1);
		List<CompletableFuture<Void>> workers = new ArrayList<>();
		for (ConfigurableApplicationContext context : contexts.values()) {
			Counter counterBean = context.getBean(Counter.class);
			for (int thread = 0; thread < 2; thread++) {
				workers.add(CompletableFuture.runAsync(() -> {
					awaitLatch(go);
					for (int i = 0; i < perApplication; i++) {
						counterBean.increment();
					}
				}));
			}
		}
		go.countDown();
		CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);

		assertThat(counter).isEqualTo(contexts.size() * 2 * perApplication);
		assertThat(tokens).hasSize(counter).isSorted().doesNotHaveDuplicates();
		assertThat(overlapped).isFalse();
	}

	@Test
	@Order(2)
	void theLeaderOnlyJobRunsOnExactlyOneApplication() {
		await().atMost(Duration.ofMinutes(1)).until(() -> runs.size() >= 5);
		assertThat(runs.stream().map(Run::application).distinct()).hasSize(1);
		String leader = runs.get(0).application();
		assertThat(contexts.get(leader).getBean(LeaderJob.class).runs()).isGreaterThan(0);
		contexts.forEach((name, context) -> {
			if (!name.equals(leader)) {
				assertThat(context.getBean(LeaderJob.class).runs()).isZero();
			}
		});
	}

	@Test
	@Order(3)
	void aConfigurationChangeIsSeenLiveByAllThree() {
		contexts.get("alpha")
			.getBean(ConfigStore.class)
			.apply(ConfigChange.of("demo", "default", ConfigFormat.YAML, "demo:\n  message: hello from the cluster\n",
					"test", "greeting"));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> contexts.values()
				.forEach((context) -> assertThat(context.getBean(DemoProperties.class).getMessage())
					.isEqualTo("hello from the cluster")));
		contexts.values()
			.forEach((context) -> assertThat(context.getEnvironment().getProperty("demo.message"))
				.isEqualTo("hello from the cluster"));
	}

	@Test
	@Order(4)
	void theDiscoveryClientOfOneListsTheOthers() {
		DiscoveryClient discovery = contexts.get("alpha").getBean(DiscoveryClient.class);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(discovery.getServices()).contains("demo");
			assertThat(discovery.getInstances("demo")).extracting(ServiceInstance::getPort)
				.containsExactlyInAnyOrderElementsOf(
						contexts.values().stream().map(ThreeApplicationsIntegrationTests::webPort).toList());
		});
		ServiceInstance beta = discovery.getInstances("demo")
			.stream()
			.filter((instance) -> instance.getInstanceId().equals("demo-beta"))
			.findFirst()
			.orElseThrow();
		assertThat(beta.getHost()).isEqualTo("127.0.0.1");
		assertThat(beta.getMetadata()).containsEntry("name", "beta");
	}

	@Test
	@Order(5)
	void theCoordinationEndpointShowsTheClusterAndTheLocksThisNodeHolds() throws Exception {
		ConfigurableApplicationContext beta = contexts.get("beta");
		JsonNode report = getJson(beta, "/actuator/coordination");
		assertThat(report.path("member").asString()).isEqualTo("beta");
		assertThat(report.path("cluster").path("members")).hasSize(3);
		JsonNode partitions = report.path("cluster").path("partitions");
		assertThat(partitions).isNotEmpty();
		for (JsonNode partition : partitions) {
			assertThat(partition.path("leader").asString()).isIn(NAMES);
			assertThat(partition.path("term").asLong()).isPositive();
		}
		assertThat(report.path("session").path("state").asString()).isEqualTo("CONNECTED");
		assertThat(report.path("services").path("demo")).hasSize(3);
		assertThat(report.path("elections").toString()).contains("demo");

		Counter held = beta.getBean(Counter.class);
		CountDownLatch holding = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> held.holdWhile(holding, release));
		try {
			assertThat(holding.await(1, TimeUnit.MINUTES)).isTrue();
			JsonNode locks = getJson(beta, "/actuator/coordination").path("locks").path("held");
			assertThat(locks).hasSize(1);
			assertThat(locks.get(0).path("name").asString()).isEqualTo("report");
			JsonNode holderInfo = locks.get(0).path("holders").get(0);
			assertThat(holderInfo.path("fencingToken").asLong()).isPositive();
			assertThat(holderInfo.path("owner").path("member").asString()).isEqualTo("beta");
			assertThat(holderInfo.path("since").asString()).isNotEmpty();
			// another node does not see it as its own
			assertThat(getJson(contexts.get("gamma"), "/actuator/coordination").path("locks").path("held")).isEmpty();
			// and cannot release it
			HttpResponse<String> refused = send(contexts.get("gamma"), "DELETE", "/actuator/coordination/report");
			assertThat(refused.statusCode()).isEqualTo(409);
			HttpResponse<String> released = send(beta, "DELETE", "/actuator/coordination/report");
			assertThat(released.statusCode()).isEqualTo(200);
			assertThat(json.readTree(released.body()).path("outcome").asString()).isEqualTo("RELEASED");
			assertThat(getJson(beta, "/actuator/coordination").path("locks").path("held")).isEmpty();
			// the holder is told
			await().atMost(Duration.ofSeconds(30)).until(() -> !held.heldLease().isValid());
		}
		finally {
			release.countDown();
			holder.get(1, TimeUnit.MINUTES);
		}
	}

	@Test
	@Order(6)
	void healthAndReadinessIncludeCoordination() throws Exception {
		JsonNode health = getJson(contexts.get("gamma"), "/actuator/health");
		assertThat(health.path("status").asString()).isEqualTo("UP");
		JsonNode coordination = health.path("components").path("coordination");
		assertThat(coordination.path("status").asString()).isEqualTo("UP");
		assertThat(coordination.path("details").path("member").asString()).isEqualTo("gamma");
		assertThat(coordination.path("details").path("sessionState").asString()).isEqualTo("CONNECTED");
		// Spring Cloud's discovery indicator heard the registration (it said UNKNOWN, "Discovery Client not
		// initialized", forever)
		assertThat(health.path("components").path("discoveryComposite").path("status").asString()).isEqualTo("UP");
		JsonNode readiness = getJson(contexts.get("gamma"), "/actuator/health/readiness");
		assertThat(readiness.path("status").asString()).isEqualTo("UP");
		assertThat(readiness.path("components").has("coordination")).isTrue();
	}

	@Test
	@Order(7)
	void prometheusExposesTheDocumentedMeters() throws Exception {
		String leader = runs.get(0).application();
		String scrape = send(contexts.get(leader), "GET", "/actuator/prometheus").body();
		assertThat(scrape).contains("coordination_lock_acquire_seconds_count{", "outcome=\"acquired\"")
			.contains("coordination_lock_held_seconds_count{")
			.contains("coordination_lock_active")
			.contains("coordination_session_expired_total")
			.contains("coordination_raft_term{")
			.contains("coordination_raft_commit_index{")
			.contains("coordination_raft_leader_changes_total{")
			.contains("coordination_election_leader{group=\"demo\"} 1.0")
			.contains("coordination_config_changes_total{")
			.contains("coordination_discovery_instances{");
	}

	@Test
	@Order(8)
	void anotherApplicationTakesOverTheJobWhenTheLeaderIsClosed() {
		Run last = runs.get(runs.size() - 1);
		contexts.remove(last.application()).close();
		await().atMost(Duration.ofMinutes(1))
			.until(() -> runs.stream().anyMatch((run) -> !run.application().equals(last.application())));
		Run takeover = runs.stream()
			.filter((run) -> !run.application().equals(last.application()))
			.findFirst()
			.orElseThrow();
		assertThat(takeover.term()).isGreaterThan(last.term());
		int before = runs.size();
		await().until(() -> runs.size() > before + 3);
		assertThat(runs.subList(before, runs.size())).extracting(Run::application)
			.containsOnly(takeover.application());
	}

	private static int webPort(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static JsonNode getJson(ConfigurableApplicationContext context, String path) throws Exception {
		HttpResponse<String> response = send(context, "GET", path);
		assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static HttpResponse<String> send(ConfigurableApplicationContext context, String method, String path)
			throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort(context) + path))
			.timeout(Duration.ofSeconds(30))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static void awaitLatch(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	record Run(String application, long term) {
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableScheduling
	@EnableConfigurationProperties(DemoProperties.class)
	static class DemoApplication {

		@Bean
		LeaderJob leaderJob(@Value("${test.name}") String name) {
			return new LeaderJob(name);
		}

		@Bean
		Counter counter(@Value("${test.name}") String name) {
			return new Counter(name);
		}

	}

	static class LeaderJob {

		private final String name;

		private final AtomicInteger count = new AtomicInteger();

		LeaderJob(String name) {
			this.name = name;
		}

		@Scheduled(fixedDelay = 100)
		@LeaderOnly
		public void run() {
			this.count.incrementAndGet();
			runs.add(new Run(this.name, LeaderContext.currentTerm()));
		}

		int runs() {
			return this.count.get();
		}

	}

	static class Counter {

		private final String name;

		private volatile Lease heldLease;

		Counter(String name) {
			this.name = name;
		}

		@DistributedLock(name = "counter", waitTime = "2m")
		public void increment() {
			if (inside.incrementAndGet() != 1) {
				overlapped = true;
			}
			tokens.add(LockContext.currentToken());
			int read = counter;
			Thread.yield();
			counter = read + 1;
			inside.decrementAndGet();
		}

		// fields of a proxied bean are read through a method
		public Lease heldLease() {
			return this.heldLease;
		}

		@DistributedLock(name = "report", waitTime = "1m")
		public void holdWhile(CountDownLatch holding, CountDownLatch release) {
			this.heldLease = LockContext.currentLease().orElseThrow();
			holding.countDown();
			awaitLatch(release);
		}

	}

	@ConfigurationProperties("demo")
	static class DemoProperties {

		private String message = "default";

		public String getMessage() {
			return this.message;
		}

		public void setMessage(String message) {
			this.message = message;
		}

	}

}
