package io.coordination.autoconfigure.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.context.config.annotation.RefreshScope;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.coordination.config.ConfigChange;
import io.coordination.config.ConfigFormat;
import io.coordination.config.ConfigStore;
import io.coordination.config.Rollout;
import io.coordination.core.CoordinationNode;
import io.coordination.testsupport.cluster.DataDirectories;
import io.coordination.testsupport.cluster.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code spring.config.import=coordination:} in real applications on a real single-node cluster: documents written
 * before the application starts are its configuration at start-up, and later versions are applied live.
 */
class ConfigImportTests {

	private Path data;

	private int port;

	private ConfigurableApplicationContext context;

	@BeforeEach
	void allocate() {
		this.data = DataDirectories.create("coordination-config-import-");
		this.port = FreePorts.next();
	}

	@AfterEach
	void release() {
		if (this.context != null) {
			this.context.close();
		}
		DataDirectories.delete(this.data);
	}

	@Test
	void startsWithTheStoredConfigurationOfItsProfilesAndAppliesChangesLive() {
		try (CoordinationNode node = node()) {
			ConfigStore store = node.coordination().config();
			store.apply(ConfigChange.of("orders", "default", ConfigFormat.YAML,
					"orders:\n  limit: 5\n  greeting: hello\n", "ops", "initial"));
			store.apply(ConfigChange.of("orders", "eu", ConfigFormat.PROPERTIES, "orders.greeting=bonjour\n", "ops",
					"eu greeting"));
		}
		this.context = application("--spring.profiles.active=eu");

		OrdersProperties orders = this.context.getBean(OrdersProperties.class);
		Greeter greeter = this.context.getBean(Greeter.class);
		assertThat(orders.getLimit()).isEqualTo(5);
		assertThat(orders.getGreeting()).isEqualTo("bonjour");
		assertThat(greeter.greeting()).isEqualTo("bonjour");
		assertThat(this.context.getEnvironment().getPropertySources().get("coordination:orders/eu"))
			.isInstanceOf(CoordinationPropertySource.class);

		ConfigStore store = this.context.getBean(ConfigStore.class);
		store.apply(ConfigChange.of("orders", "default", ConfigFormat.YAML, "orders:\n  limit: 7\n  greeting: hi\n",
				"ops", "raise the limit"));
		await().until(() -> orders.getLimit() == 7);
		// the profile document still wins for the greeting
		assertThat(orders.getGreeting()).isEqualTo("bonjour");
		Changes changes = this.context.getBean(Changes.class);
		await().until(() -> !changes.events.isEmpty());
		CoordinationConfigChangedEvent event = changes.events.get(0);
		assertThat(event.getConfig().version()).isEqualTo(2);
		assertThat(event.getChangedKeys()).isEqualTo(Set.of("orders.limit", "orders.greeting"));

		store.apply(ConfigChange.of("orders", "eu", ConfigFormat.PROPERTIES, "orders.greeting=hallo\n", "ops",
				"german"));
		await().until(() -> "hallo".equals(orders.getGreeting()));
		await().until(() -> "hallo".equals(greeter.greeting()));

		store.rollback("orders", "default", 1, "ops", "back to 5");
		await().until(() -> orders.getLimit() == 5);
		assertThat(this.context.getEnvironment().getProperty("orders.limit")).isEqualTo("5");
	}

	@Test
	void aDocumentPublishedAfterStartUpIsApplied() {
		this.context = application();
		OrdersProperties orders = this.context.getBean(OrdersProperties.class);
		assertThat(orders.getLimit()).isEqualTo(1);

		this.context.getBean(ConfigStore.class)
			.apply(ConfigChange.of("orders", "default", ConfigFormat.PROPERTIES, "orders.limit=12\n", "ops", "first"));
		await().until(() -> orders.getLimit() == 12);
	}

	@Test
	void aStagedRolloutReachesTheTargetedInstanceAndAnAbortTakesItBack() {
		this.context = application("--coordination.config.instance-id=orders-1");
		OrdersProperties orders = this.context.getBean(OrdersProperties.class);
		ConfigStore store = this.context.getBean(ConfigStore.class);
		store.apply(ConfigChange.of("orders", "default", ConfigFormat.PROPERTIES, "orders.limit=3\n", "ops", "v1"));
		await().until(() -> orders.getLimit() == 3);

		store.stage(List.of(ConfigChange.of("orders", "default", ConfigFormat.PROPERTIES, "orders.limit=4\n", "ops",
				"canary")), Rollout.instances(Set.of("orders-1")));
		await().until(() -> orders.getLimit() == 4);
		Changes changes = this.context.getBean(Changes.class);
		await().until(() -> changes.events.stream().anyMatch((event) -> event.getConfig().candidate()));

		store.abort("orders", "default", "ops");
		await().until(() -> orders.getLimit() == 3);
	}

	@Test
	void anInstanceOutsideTheRolloutKeepsTheActiveVersion() {
		this.context = application("--coordination.config.instance-id=orders-2");
		OrdersProperties orders = this.context.getBean(OrdersProperties.class);
		ConfigStore store = this.context.getBean(ConfigStore.class);
		store.apply(ConfigChange.of("orders", "default", ConfigFormat.PROPERTIES, "orders.limit=3\n", "ops", "v1"));
		await().until(() -> orders.getLimit() == 3);
		store.stage(List.of(ConfigChange.of("orders", "default", ConfigFormat.PROPERTIES, "orders.limit=4\n", "ops",
				"canary")), Rollout.instances(Set.of("orders-1")));
		store.promote("orders", "default", "ops");
		// the promotion reaches this instance; the canary alone never did
		await().until(() -> orders.getLimit() == 4);
		Changes changes = this.context.getBean(Changes.class);
		assertThat(changes.events).noneMatch((event) -> event.getConfig().candidate());
	}

	@Test
	void nodeSettingsThatChangeAfterTheImportStartedTheNodeFailStartUp() {
		// application-late.properties (test resources) sets coordination.raft.election-timeout for profile "late"
		assertThatThrownBy(() -> application("--spring.profiles.active=late"))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("coordination.raft.election-timeout: PT1S -> PT2S")
			.hasMessageContaining("profile-specific");
		// the node it had started is closed: the same port and data directory start again
		this.context = application();
		assertThat(this.context.getBean(OrdersProperties.class).getLimit()).isEqualTo(1);
	}

	private CoordinationNode node() {
		return CoordinationNode.builder()
			.memberId("orders-node")
			.host("127.0.0.1")
			.port(this.port)
			.dataDirectory(this.data)
			.build()
			.start();
	}

	private ConfigurableApplicationContext application(String... args) {
		return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties("spring.application.name=orders", "spring.config.import=coordination:",
					"coordination.node.id=orders-node", "coordination.node.host=127.0.0.1",
					"coordination.node.port=" + this.port, "coordination.node.data-dir=" + this.data,
					"coordination.discovery.enabled=false", "coordination.leader.enabled=false",
					"spring.main.banner-mode=off")
			.run(args);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableConfigurationProperties(OrdersProperties.class)
	static class App {

		@Bean
		Changes changes() {
			return new Changes();
		}

		@Bean
		@RefreshScope
		Greeter greeter(@Value("${orders.greeting:none}") String greeting) {
			return new Greeter(greeting);
		}

	}

	@ConfigurationProperties("orders")
	static class OrdersProperties {

		private int limit = 1;

		private String greeting = "none";

		public int getLimit() {
			return this.limit;
		}

		public void setLimit(int limit) {
			this.limit = limit;
		}

		public String getGreeting() {
			return this.greeting;
		}

		public void setGreeting(String greeting) {
			this.greeting = greeting;
		}

	}

	static class Greeter {

		private final String greeting;

		Greeter(String greeting) {
			this.greeting = greeting;
		}

		String greeting() {
			return this.greeting;
		}

	}

	static class Changes implements ApplicationListener<CoordinationConfigChangedEvent> {

		final List<CoordinationConfigChangedEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(CoordinationConfigChangedEvent event) {
			this.events.add(event);
		}

	}

}
