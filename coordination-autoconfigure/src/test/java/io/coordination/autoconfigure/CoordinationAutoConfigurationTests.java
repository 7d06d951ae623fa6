package io.coordination.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.coordination.Coordination;
import io.coordination.CoordinationInspector;
import io.coordination.cluster.ClusterView;
import io.coordination.config.ConfigStore;
import io.coordination.core.CoordinationNode;
import io.coordination.discovery.ServiceRegistry;
import io.coordination.kv.KeyValueStore;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(SharedNode.class)
class CoordinationAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CoordinationAutoConfiguration.class));

	@TempDir
	Path data;

	@Test
	void startsASingleNodeEmbeddedNodeWithNoMembersConfigured() {
		this.runner.withPropertyValues("coordination.node.port=0", "coordination.node.data-dir=" + this.data)
			.run((context) -> {
				assertThat(context).hasSingleBean(CoordinationNode.class).hasSingleBean(Coordination.class)
					.hasSingleBean(KeyValueStore.class).hasSingleBean(ConfigStore.class)
					.hasSingleBean(ServiceRegistry.class).hasSingleBean(CoordinationInspector.class)
					.hasSingleBean(ClusterView.class);
				CoordinationNode node = context.getBean(CoordinationNode.class);
				assertThat(node.isVoter()).isTrue();
				assertThat(node.memberId()).isEqualTo("node-1");
				assertThat(Files.isDirectory(this.data.resolve("coordination"))).isTrue();
				assertThat(context.getBean(Coordination.class).lock("boot").tryLock()).isPresent();
			});
	}

	@Test
	void defaultsToADataDirectoryUnderTheWorkingDirectory() {
		CoordinationProperties properties = new CoordinationProperties();
		assertThat(CoordinationNodes.builder(properties).build().dataDirectory())
			.isEqualTo(Path.of("coordination-data", "node-1"));
	}

	@Test
	void aWrongTimeoutFailsBindingNamingThePropertyBeforeANodeStarts() {
		this.runner.withPropertyValues("coordination.session.timeout=10", "coordination.raft.heartbeat-interval=800ms")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure())
					.hasRootCauseInstanceOf(BindValidationException.class)
					.hasStackTraceContaining("session.timeout")
					.hasStackTraceContaining("must be at least 1s, not 10ms")
					.hasStackTraceContaining("write 10s")
					.hasStackTraceContaining("heartbeatInterval")
					.hasStackTraceContaining("must be at most half of coordination.raft.election-timeout (1000 ms)");
			});
	}

	@Test
	void isSwitchedOffByCoordinationEnabled() {
		this.runner.withPropertyValues("coordination.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CoordinationNode.class)
				.doesNotHaveBean(Coordination.class));
	}

	@Test
	void aUserCoordinationBeanWinsAndNoNodeStarts() {
		this.runner.withUserConfiguration(UserCoordination.class).run((context) -> {
			assertThat(context).doesNotHaveBean(CoordinationNode.class);
			assertThat(context.getBean(Coordination.class)).isSameAs(SharedNode.node().coordination());
			assertThat(context.getBean(KeyValueStore.class)).isSameAs(SharedNode.node().coordination().keyValue());
		});
	}

	@Test
	void customizersSeeTheBuilderBeforeTheNodeStarts() {
		this.runner
			.withPropertyValues("coordination.node.port=0", "coordination.node.data-dir=" + this.data,
					"coordination.session.timeout=7s")
			.withBean(CoordinationNodeCustomizer.class, () -> (builder) -> builder.memberId("customized"))
			.run((context) -> {
				assertThat(context.getBean(CoordinationNode.class).memberId()).isEqualTo("customized");
				assertThat(context.getBean(Coordination.class).session().timeout()).hasSeconds(7);
			});
	}

	@Test
	void badPropertiesFailWithAMessageNamingTheValue() {
		this.runner.withPropertyValues("coordination.cluster.members=not-an-address").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("'not-an-address' must be host:port or id@host:port");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserCoordination {

		@Bean(destroyMethod = "")
		Coordination coordination() {
			return SharedNode.node().coordination();
		}

	}

}
