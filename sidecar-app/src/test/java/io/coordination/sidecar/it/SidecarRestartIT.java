package io.coordination.sidecar.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import io.coordination.Coordination;
import io.coordination.annotation.LeaderContext;
import io.coordination.annotation.LeaderOnly;
import io.coordination.autoconfigure.actuate.CoordinationHealthIndicator;
import io.coordination.client.HttpCoordination;
import io.coordination.testsupport.TestTimeouts;
import io.coordination.testsupport.cluster.DataDirectories;
import io.coordination.testsupport.cluster.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Spring Boot application in sidecar mode keeps running while its sidecar restarts (SIGKILL, then started again on
 * the same port): it leads and is registered again once the cluster lets it (the candidacy and registration of the
 * dead sidecar's session block them until that session expires), and its health is not UP until then. It used to
 * give up after one refused attempt: no leader, no registration, health UP, until the application restarted. And an
 * application started before its sidecar waits for it (within coordination.start-timeout) instead of failing.
 */
class SidecarRestartIT {

	@RegisterExtension
	static final SidecarEnsemble ensemble = new SidecarEnsemble();

	private ConfigurableApplicationContext context;

	private SidecarProcess single;

	private Path data;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
		if (this.single != null) {
			this.single.close();
		}
		DataDirectories.delete(this.data);
	}

	@Test
	void anApplicationStartedBeforeItsSingleServerSidecarWaitsAndRecoversWhenTheSidecarRestarts() throws Exception {
		this.data = DataDirectories.create("sidecar-restart-");
		int port = FreePorts.next();
		List<String> arguments = List.of("--coordination.node.id=restarting", "--coordination.node.port="
				+ FreePorts.next(), "--coordination.node.data-dir=" + this.data, "--coordination.session.timeout=5s");
		// the application first: it waits for its sidecar
		java.util.concurrent.CompletableFuture<ConfigurableApplicationContext> starting = java.util.concurrent.CompletableFuture
			.supplyAsync(() -> start("http://127.0.0.1:" + port, "single-restart-app"));
		Thread.sleep(TestTimeouts.scaled(Duration.ofSeconds(3)).toMillis());
		assertThat(starting).isNotDone();
		this.single = SidecarProcess.start("restarting", port, Path.of("target", "sidecar-it"), arguments);
		this.context = starting.get(TestTimeouts.seconds(120).toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
		Supplier<HttpCoordination> observer = () -> SidecarEnsemble.client(this.single.url());

		recoversFrom(() -> {
			this.single.kill();
			this.single = SidecarProcess.start("restarting", port, Path.of("target", "sidecar-it"), arguments);
			this.single.awaitReady(Duration.ofMinutes(2));
		}, observer, "single-restart-app", true);
	}

	@Test
	void anApplicationRecoversWhenItsAgentRestartsInFrontOfThreeServers() throws Exception {
		this.context = start(SidecarEnsemble.ensemble().agent().url(), "agent-restart-app");
		recoversFrom(() -> SidecarEnsemble.ensemble().restartAgent(),
				() -> SidecarEnsemble.client(SidecarEnsemble.ensemble().servers().get(1).url()), "agent-restart-app",
				false);
	}

	/**
	 * Restarts the sidecar under the running application and waits until it leads and is registered again.
	 * @param refused whether the old session outlives the restart: a single server recovers it from its log, so the
	 * candidacy and the registration are refused until it expires; an agent's sessions end with its cluster session,
	 * often before the application is back
	 */
	private void recoversFrom(Runnable restart, Supplier<HttpCoordination> observerOf, String service,
			boolean refused) throws Exception {
		Work work = this.context.getBean(Work.class);
		CoordinationHealthIndicator health = this.context.getBean(CoordinationHealthIndicator.class);
		await().atMost(TestTimeouts.seconds(60)).until(() -> !work.terms().isEmpty());
		try (HttpCoordination observer = observerOf.get()) {
			await().atMost(TestTimeouts.seconds(60))
				.until(() -> observer.discovery().instances(service).size() == 1);
		}
		assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);

		List<Health> seen = new CopyOnWriteArrayList<>();
		AtomicBoolean watching = new AtomicBoolean(true);
		Thread watcher = new Thread(() -> {
			while (watching.get()) {
				seen.add(health.health(true));
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		watcher.start();
		restart.run();
		int termsBefore = work.terms().size();
		long restartedAt = System.nanoTime();
		try (HttpCoordination observer = observerOf.get()) {
			// the dead sidecar's session expires, then the candidacy and the registration are made again
			await().atMost(TestTimeouts.seconds(90)).until(() -> work.termsSince(restartedAt) > 0);
			await().atMost(TestTimeouts.seconds(90))
				.until(() -> observer.discovery().instances(service).size() == 1);
			await().atMost(TestTimeouts.seconds(30)).until(() -> health.health(true).getStatus().equals(Status.UP));
		}
		finally {
			watching.set(false);
			watcher.join();
		}
		assertThat(work.terms().size()).isGreaterThan(termsBefore);
		if (refused) {
			// while the candidacy and registration were refused, health said so
			assertThat(seen).anySatisfy((observed) -> {
				assertThat(observed.getStatus()).isEqualTo(Status.DOWN);
				assertThat(observed.getDetails()).containsKey("restoring");
			});
		}
		assertThat(seen).noneSatisfy((observed) -> {
			assertThat(observed.getStatus()).isEqualTo(Status.UP);
			assertThat(observed.getDetails()).containsKey("restoring");
		});
	}

	private static ConfigurableApplicationContext start(String url, String name) {
		return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties("spring.application.name=" + name, "coordination.mode=sidecar",
					"coordination.sidecar.url=" + url, "coordination.session.timeout=4s",
					"coordination.start-timeout=90s", "coordination.discovery.port=8080",
					"coordination.discovery.host=127.0.0.1", "spring.main.banner-mode=off")
			.run();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableScheduling
	static class App {

		@Bean
		Work work() {
			return new Work();
		}

	}

	static class Work {

		private final List<long[]> terms = new CopyOnWriteArrayList<>();

		List<long[]> terms() {
			return this.terms;
		}

		long termsSince(long nanos) {
			return this.terms.stream().filter((entry) -> entry[1] > nanos).count();
		}

		@Scheduled(fixedDelay = 200)
		@LeaderOnly
		public void lead() {
			this.terms.add(new long[] { LeaderContext.currentTerm(), System.nanoTime() });
		}

	}

}
