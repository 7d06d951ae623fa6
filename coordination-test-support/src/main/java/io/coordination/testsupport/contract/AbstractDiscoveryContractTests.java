package io.coordination.testsupport.contract;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.coordination.Coordination;
import io.coordination.discovery.HealthStatus;
import io.coordination.discovery.RegisteredInstance;
import io.coordination.discovery.ServiceInstance;
import io.coordination.discovery.ServiceRegistration;
import io.coordination.discovery.ServiceRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * What every implementation's service registry does.
 */
public abstract class AbstractDiscoveryContractTests extends AbstractContractTests {

	private ServiceRegistry registry(int client) {
		return client(client).discovery();
	}

	@Test
	void registersQueriesAndFiltersByHealth() {
		String service = name("orders");
		registry(0).register(ServiceRegistration.of(service, "a", "10.0.0.1", 8080)
			.withMetadata(Map.of("version", "2"))
			.withTags(List.of("blue"), "zone-1"));
		RegisteredInstance b = registry(1).register(ServiceRegistration.of(service, "b", "10.0.0.2", 8080));
		assertThat(registry(2).instances(service)).extracting(ServiceInstance::instanceId).containsExactly("a", "b");
		ServiceInstance a = registry(2).instances(service).get(0);
		assertThat(a.metadata()).containsEntry("version", "2");
		assertThat(a.tags()).containsExactly("blue");
		assertThat(a.zone()).isEqualTo("zone-1");
		b.reportHealth(HealthStatus.WARNING, "429");
		assertThat(registry(2).healthyInstances(service)).extracting(ServiceInstance::instanceId).containsExactly("a");
		assertThat(registry(2).services()).contains(service);
		b.close();
		assertThat(registry(2).instances(service)).extracting(ServiceInstance::instanceId).containsExactly("a");
		assertThat(registry(0).deregister(service, "a")).isTrue();
	}

	@Test
	void ephemeralInstancesGoWhenTheirClientCloses() {
		String service = name("orders");
		Coordination owner = open();
		owner.discovery().register(ServiceRegistration.of(service, "gone", "h", 1));
		assertThat(registry(1).instances(service)).hasSize(1);
		owner.close();
		assertThat(registry(1).instances(service)).isEmpty();
	}

	@Test
	void aTtlCheckWithoutHeartbeatsTurnsCritical() {
		String service = name("orders");
		RegisteredInstance instance = registry(0).register(ServiceRegistration.of(service, "a", "h", 1)
			.withChecks(Duration.ofSeconds(2), null));
		instance.heartbeat();
		await().atMost(seconds(30))
			.until(() -> registry(1).instances(service).get(0).status() == HealthStatus.CRITICAL);
		assertThat(registry(1).healthyInstances(service)).isEmpty();
		instance.heartbeat();
		assertThat(registry(1).instances(service).get(0).status()).isEqualTo(HealthStatus.PASSING);
		instance.close();
	}

	@Test
	void watchersSeeRegistrationsHealthAndDeregistrations() throws Exception {
		String service = name("orders");
		registry(0).register(ServiceRegistration.of(service, "first", "h", 1));
		List<List<ServiceInstance>> seen = new CopyOnWriteArrayList<>();
		try (AutoCloseable watch = registry(1).watch(service, (name, instances) -> seen.add(instances))) {
			await().atMost(seconds(10)).until(() -> seen.size() == 1);
			RegisteredInstance second = registry(2).register(ServiceRegistration.of(service, "second", "h", 2));
			second.reportHealth(HealthStatus.CRITICAL, "down");
			second.close();
			await().atMost(seconds(10)).until(() -> seen.size() == 4);
		}
		assertThat(seen).extracting(List::size).containsExactly(1, 2, 2, 1);
		assertThat(seen.get(2).get(1).status()).isEqualTo(HealthStatus.CRITICAL);
	}

	@Test
	void rejectsBadRegistrations() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> registry(0).register(ServiceRegistration.of("a/b", "x", "h", 1)))
			.withMessageContaining("service must not contain '/'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ServiceRegistration.of("s", "x", "h", 70000))
			.withMessageContaining("port must be between 0 and 65535: 70000");
	}

}
