package io.coordination.sidecar.it;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import io.coordination.Coordination;
import io.coordination.annotation.DistributedLock;
import io.coordination.annotation.LeaderContext;
import io.coordination.annotation.LeaderOnly;
import io.coordination.annotation.LockContext;
import io.coordination.autoconfigure.SidecarConnection;
import io.coordination.autoconfigure.actuate.CoordinationHealthIndicator;
import io.coordination.client.HttpCoordination;
import io.coordination.config.ConfigChange;
import io.coordination.config.ConfigFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The starter in sidecar mode: an application that talks to its agent over HTTP gets the same annotations, config
 * import, discovery and health as an embedded one.
 */
class StarterSidecarModeIT {

	@RegisterExtension
	static final SidecarEnsemble ensemble = new SidecarEnsemble();

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void annotationsConfigImportDiscoveryAndHealthWorkThroughTheAgent() {
		ensemble.client(1)
			.config()
			.apply(ConfigChange.of("sidecar-mode-app", "default", ConfigFormat.PROPERTIES,
					"demo.message=from the cluster\n", "test", "initial"));
		this.context = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties("spring.application.name=sidecar-mode-app", "coordination.mode=sidecar",
					"coordination.sidecar.url=" + SidecarEnsemble.ensemble().agent().url(),
					"coordination.session.timeout=6s", "spring.config.import=coordination:",
					"coordination.discovery.port=8080", "coordination.discovery.host=127.0.0.1",
					"spring.main.banner-mode=off")
			.run();

		assertThat(this.context.getBean(Coordination.class).getClass().getName()).contains("Instrumented");
		assertThat(this.context.getBean(SidecarConnection.class).client()).isInstanceOf(HttpCoordination.class);
		assertThat(this.context.getBean(DemoProperties.class).getMessage()).isEqualTo("from the cluster");

		Work work = this.context.getBean(Work.class);
		long first = work.locked();
		assertThat(work.locked()).isGreaterThan(first);

		await().atMost(Duration.ofSeconds(30)).until(() -> !work.terms().isEmpty());
		assertThat(work.terms().get(0)).isPositive();

		await().atMost(Duration.ofSeconds(30))
			.until(() -> ensemble.client(2).discovery().healthyInstances("sidecar-mode-app").size() == 1);

		assertThat(this.context.getBean(CoordinationHealthIndicator.class).health(true).getStatus())
			.isEqualTo(Status.UP);

		ensemble.client(1)
			.config()
			.apply(ConfigChange.of("sidecar-mode-app", "default", ConfigFormat.PROPERTIES,
					"demo.message=changed live\n", "test", "change"));
		// without Spring Cloud Context on the classpath the environment changes and the properties are bound again
		await().atMost(Duration.ofSeconds(30))
			.until(() -> "changed live".equals(this.context.getEnvironment().getProperty("demo.message")));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> "changed live".equals(this.context.getBean(DemoProperties.class).getMessage()));

		// the Raft meters exist here too: they describe the cluster as the sidecar sees it
		MeterRegistry meters = this.context.getBean(MeterRegistry.class);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> meters.find("coordination.raft.term").tag("group", "coordination").gauge() != null);
		assertThat(meters.find("coordination.raft.commit.index").tag("group", "coordination").gauge()).isNotNull();
		assertThat(meters.find("coordination.raft.leader.changes").tag("group", "coordination").functionCounter())
			.isNotNull();

		this.context.close();
		this.context = null;
		// its session ended with it: its registration is gone
		await().atMost(Duration.ofSeconds(30))
			.until(() -> ensemble.client(2).discovery().instances("sidecar-mode-app").isEmpty());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableScheduling
	@EnableConfigurationProperties(DemoProperties.class)
	static class App {

		@Bean
		Work work() {
			return new Work();
		}

	}

	static class Work {

		private final List<Long> terms = new CopyOnWriteArrayList<>();

		public List<Long> terms() {
			return this.terms;
		}

		@DistributedLock(name = "sidecar-mode-lock", waitTime = "10s")
		public long locked() {
			return LockContext.currentToken();
		}

		@Scheduled(fixedDelay = 200)
		@LeaderOnly
		public void lead() {
			this.terms.add(LeaderContext.currentTerm());
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
