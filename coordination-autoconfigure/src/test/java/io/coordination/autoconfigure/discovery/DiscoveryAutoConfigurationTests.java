package io.coordination.autoconfigure.discovery;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.mock.env.MockEnvironment;

import io.coordination.autoconfigure.SharedNode;
import io.coordination.discovery.HealthStatus;
import io.coordination.discovery.ServiceRegistry;
import io.coordination.testsupport.TestTimeouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(SharedNode.class)
class DiscoveryAutoConfigurationTests {

	private final ApplicationContextRunner runner = SharedNode.runner(DiscoveryAutoConfiguration.class);

	@Test
	void registersOnStartWithHeartbeatsAndDeregistersOnShutdown() {
		ServiceRegistry registry = SharedNode.node().coordination().discovery();
		this.runner
			.withPropertyValues("spring.application.name=billing", "coordination.discovery.host=10.0.0.7",
					"coordination.discovery.port=8443", "coordination.discovery.metadata.secure=true",
					"coordination.discovery.tags=blue", "coordination.discovery.zone=eu-1",
					"coordination.discovery.check.ttl=1500ms")
			.run((context) -> {
				// a configured port is registered at start, without waiting for a web server
				assertThat(registry.healthyInstances("billing")).singleElement().satisfies((instance) -> {
					assertThat(instance.instanceId()).isEqualTo("billing-10.0.0.7-8443");
					assertThat(instance.host()).isEqualTo("10.0.0.7");
					assertThat(instance.port()).isEqualTo(8443);
					assertThat(instance.metadata()).containsEntry("secure", "true");
					assertThat(instance.tags()).containsExactly("blue");
					assertThat(instance.zone()).isEqualTo("eu-1");
				});
				// heartbeats keep it passing for several TTLs
				await().during(Duration.ofSeconds(3))
					.atMost(TestTimeouts.scaled(Duration.ofSeconds(10)))
					.untilAsserted(() -> assertThat(registry.instances("billing")).singleElement()
						.satisfies((instance) -> assertThat(instance.status()).isEqualTo(HealthStatus.PASSING)));

				ServiceInstance cloud = context.getBean(DiscoveryClient.class).getInstances("billing").get(0);
				assertThat(cloud.isSecure()).isTrue();
				assertThat(cloud.getUri().toString()).isEqualTo("https://10.0.0.7:8443");
				List<ServiceInstance> reactive = context.getBean(ReactiveDiscoveryClient.class)
					.getInstances("billing")
					.collectList()
					.block(Duration.ofSeconds(30));
				assertThat(reactive).hasSize(1);
			});
		assertThat(registry.instances("billing")).isEmpty();
	}

	@Test
	void anApplicationWithoutWebServerRegistersOnceReady() {
		ServiceRegistry registry = SharedNode.node().coordination().discovery();
		this.runner.withPropertyValues("spring.application.name=worker", "coordination.discovery.instance-id=worker-1")
			.run((context) -> {
				assertThat(registry.instances("worker")).isEmpty();
				context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0],
						context.getSourceApplicationContext(), Duration.ZERO));
				assertThat(registry.instances("worker")).singleElement()
					.satisfies((instance) -> assertThat(instance.instanceId()).isEqualTo("worker-1"));
			});
		assertThat(registry.instances("worker")).isEmpty();
	}

	@Test
	void theHttpCheckProbesTheActuatorWhereItIsServed() {
		MockEnvironment defaults = new MockEnvironment();
		assertThat(DiscoveryAutoConfiguration.RegistrationConfiguration.healthPath(defaults))
			.isEqualTo("/actuator/health");
		assertThat(DiscoveryAutoConfiguration.RegistrationConfiguration.separateManagementServer(defaults)).isFalse();

		MockEnvironment contextPath = new MockEnvironment().withProperty("server.servlet.context-path", "/shop/")
			.withProperty("management.endpoints.web.base-path", "/manage")
			.withProperty("management.endpoints.web.path-mapping.health", "healthz");
		assertThat(DiscoveryAutoConfiguration.RegistrationConfiguration.healthPath(contextPath))
			.isEqualTo("/shop/manage/healthz");

		MockEnvironment managementPort = new MockEnvironment().withProperty("server.servlet.context-path", "/shop")
			.withProperty("server.port", "8080")
			.withProperty("management.server.port", "9090")
			.withProperty("management.server.base-path", "/ops");
		assertThat(DiscoveryAutoConfiguration.RegistrationConfiguration.separateManagementServer(managementPort))
			.isTrue();
		assertThat(DiscoveryAutoConfiguration.RegistrationConfiguration.healthPath(managementPort))
			.isEqualTo("/ops/actuator/health");
	}

	@Test
	void registrationHasItsOwnSwitch() {
		this.runner.withPropertyValues("coordination.discovery.register=false")
			.run((context) -> assertThat(context).doesNotHaveBean(AutoRegistration.class)
				.hasSingleBean(CoordinationDiscoveryClient.class));
	}

	@Test
	void isSwitchedOffByItsProperty() {
		this.runner.withPropertyValues("coordination.discovery.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(AutoRegistration.class)
				.doesNotHaveBean(CoordinationDiscoveryClient.class));
	}

	@Test
	void registersWithoutSpringCloud() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.cloud"))
			.run((context) -> assertThat(context).hasSingleBean(AutoRegistration.class)
				.doesNotHaveBean(CoordinationDiscoveryClient.class)
				.doesNotHaveBean(CoordinationReactiveDiscoveryClient.class));
	}

	@Test
	void userDiscoveryClientsWin() {
		CoordinationDiscoveryClient mine = new CoordinationDiscoveryClient(
				SharedNode.node().coordination().discovery());
		this.runner.withBean("mine", CoordinationDiscoveryClient.class, () -> mine)
			.run((context) -> assertThat(context.getBean(CoordinationDiscoveryClient.class)).isSameAs(mine));
	}

}
