package io.coordination.autoconfigure.actuate;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.actuate.info.Info;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.MapPropertySource;

import io.coordination.Coordination;
import io.coordination.autoconfigure.SharedNode;
import io.coordination.lock.DistributedLock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(SharedNode.class)
class CoordinationActuatorAutoConfigurationTests {

	private final ApplicationContextRunner runner = SharedNode.runner(CoordinationActuatorAutoConfiguration.class);

	@Test
	void contributesHealthAndInfoAndTheEndpointWhenExposed() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=coordination").run((context) -> {
			assertThat(context).hasSingleBean(CoordinationHealthIndicator.class)
				.hasSingleBean(CoordinationInfoContributor.class)
				.hasSingleBean(CoordinationEndpoint.class)
				.hasSingleBean(CoordinationEndpointWebExtension.class);
			Health health = context.getBean(CoordinationHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("member", "shared").containsKey("raftTerm");
			Info.Builder info = new Info.Builder();
			context.getBean(CoordinationInfoContributor.class).contribute(info);
			assertThat(info.build().getDetails()).containsKey("coordination");
		});
	}

	@Test
	void theEndpointIsAbsentUnlessExposed() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(CoordinationEndpoint.class)
			.hasSingleBean(CoordinationHealthIndicator.class));
	}

	@Test
	void eachContributorHasASwitch() {
		this.runner
			.withPropertyValues("management.health.coordination.enabled=false",
					"management.info.coordination.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CoordinationHealthIndicator.class)
				.doesNotHaveBean(CoordinationInfoContributor.class));
	}

	@Test
	void userBeansWin() {
		this.runner.withBean("coordinationHealthIndicator", CoordinationHealthIndicator.class,
				() -> new CoordinationHealthIndicator(SharedNode.node().coordination()))
			.withPropertyValues("management.endpoints.web.exposure.include=coordination")
			.withBean("myEndpoint", CoordinationEndpoint.class,
					() -> new CoordinationEndpoint(SharedNode.node().coordination()))
			.run((context) -> assertThat(context).hasSingleBean(CoordinationHealthIndicator.class)
				.hasSingleBean(CoordinationEndpoint.class)
				.hasBean("myEndpoint"));
	}

	@Test
	void backsOffWithoutActuator() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.run((context) -> assertThat(context).doesNotHaveBean(CoordinationHealthIndicator.class));
	}

	@Test
	void healthIsDownOnceTheSessionIsGone() {
		Coordination client = SharedNode.node().openCoordination();
		CoordinationHealthIndicator indicator = new CoordinationHealthIndicator(client);
		assertThat(indicator.health(true).getStatus()).isEqualTo(Status.UP);
		client.close();
		Health health = indicator.health(true);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("sessionState",
				io.coordination.session.SessionState.CLOSED);
	}

	@Test
	void releasesOnlyLocksThisMemberHoldsAndRefusesBadNames() {
		Coordination other = SharedNode.node().openCoordination();
		try {
			CoordinationEndpoint endpoint = new CoordinationEndpoint(SharedNode.node().coordination());
			assertThat(endpoint.releaseLock("actuator-free").outcome())
				.isEqualTo(CoordinationEndpoint.LockRelease.Outcome.NOT_HELD);
			DistributedLock lock = other.lock("actuator-held");
			lock.lock();
			// the same member (another session of it): an operator on this node may release it
			assertThat(endpoint.coordination().locks().held()).extracting((info) -> info.name())
				.contains("actuator-held");
			assertThat(endpoint.releaseLock("actuator-held").outcome())
				.isEqualTo(CoordinationEndpoint.LockRelease.Outcome.RELEASED);
			assertThat(lock.info().isLocked()).isFalse();
			assertThatThrownBy(() -> endpoint.releaseLock(""))
				.isInstanceOf(org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException.class);
		}
		finally {
			other.close();
		}
	}

	@Test
	void putsCoordinationInTheReadinessGroupUnlessTheGroupIsDefined() {
		StandardEnvironment environment = new StandardEnvironment();
		new ReadinessGroupDefaults().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty(ReadinessGroupDefaults.INCLUDE)).isEqualTo("readinessState,coordination");

		StandardEnvironment defined = new StandardEnvironment();
		defined.getPropertySources()
			.addFirst(new MapPropertySource("user", Map.of(ReadinessGroupDefaults.INCLUDE, "readinessState,db")));
		new ReadinessGroupDefaults().postProcessEnvironment(defined, new SpringApplication());
		assertThat(defined.getProperty(ReadinessGroupDefaults.INCLUDE)).isEqualTo("readinessState,db");

		StandardEnvironment noProbes = new StandardEnvironment();
		noProbes.getPropertySources()
			.addFirst(new MapPropertySource("user", Map.of("management.endpoint.health.probes.enabled", "false")));
		new ReadinessGroupDefaults().postProcessEnvironment(noProbes, new SpringApplication());
		assertThat(noProbes.containsProperty(ReadinessGroupDefaults.INCLUDE)).isFalse();

		StandardEnvironment noDefaultIndicators = new StandardEnvironment();
		noDefaultIndicators.getPropertySources()
			.addFirst(new MapPropertySource("user", Map.of("management.health.defaults.enabled", "false")));
		new ReadinessGroupDefaults().postProcessEnvironment(noDefaultIndicators, new SpringApplication());
		assertThat(noDefaultIndicators.containsProperty(ReadinessGroupDefaults.INCLUDE)).isFalse();

		StandardEnvironment optedOut = new StandardEnvironment();
		optedOut.getPropertySources()
			.addFirst(new MapPropertySource("user", Map.of("coordination.health.readiness", "false")));
		new ReadinessGroupDefaults().postProcessEnvironment(optedOut, new SpringApplication());
		assertThat(optedOut.containsProperty(ReadinessGroupDefaults.INCLUDE)).isFalse();
	}

}
