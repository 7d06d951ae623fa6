package io.coordination.core.internal.state;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.coordination.core.internal.protocol.Command;
import io.coordination.core.internal.protocol.ErrorCode;
import io.coordination.core.internal.protocol.Event;
import io.coordination.core.internal.protocol.Listing;
import io.coordination.core.internal.protocol.Query;
import io.coordination.core.internal.protocol.Result;
import io.coordination.discovery.HealthStatus;
import io.coordination.discovery.ServiceInstance;
import io.coordination.discovery.ServiceRegistration;
import io.coordination.group.GroupMember;

import static org.assertj.core.api.Assertions.assertThat;

class DiscoveryStateTests {

	private final StateMachineDriver sm = new StateMachineDriver();

	@BeforeEach
	void openSessions() {
		this.sm.openSessions(3);
	}

	@Test
	void ephemeralInstancesDisappearWithTheirSession() {
		register(1, ServiceRegistration.of("orders", "a", "10.0.0.1", 8080).withMetadata(Map.of("version", "2")));
		register(2, ServiceRegistration.of("orders", "b", "10.0.0.2", 8080));
		assertThat(instances("orders")).extracting(ServiceInstance::instanceId).containsExactly("a", "b");
		assertThat(instances("orders").get(0).metadata()).containsEntry("version", "2");
		assertThat(instances("orders").get(0).status()).isEqualTo(HealthStatus.PASSING);
		this.sm.expire(2);
		assertThat(instances("orders")).extracting(ServiceInstance::instanceId).containsExactly("a");
	}

	@Test
	void ttlCheckTurnsCriticalWithoutHeartbeatsThenDeregisters() {
		register(1, ServiceRegistration.of("orders", "a", "h", 1)
			.withChecks(Duration.ofSeconds(5), Duration.ofSeconds(10))
			.durable());
		this.sm.advance(4_000);
		assertThat(this.sm.apply(1, new Command.ServiceHeartbeat("orders", "a"))).isEqualTo(Result.DONE);
		this.sm.advance(4_000);
		assertThat(instances("orders").get(0).status()).isEqualTo(HealthStatus.PASSING);
		this.sm.advance(1_000);
		ServiceInstance critical = instances("orders").get(0);
		assertThat(critical.status()).isEqualTo(HealthStatus.CRITICAL);
		assertThat(critical.statusOutput()).contains("no heartbeat within 5000 ms");
		this.sm.advance(9_999);
		assertThat(instances("orders")).hasSize(1);
		this.sm.advance(1);
		assertThat(instances("orders")).isEmpty();
	}

	@Test
	void aHeartbeatRevivesACriticalInstanceAndStopsItsDeregistration() {
		register(1, ServiceRegistration.of("orders", "a", "h", 1).withChecks(Duration.ofSeconds(5), Duration.ofSeconds(10)));
		this.sm.advance(6_000);
		assertThat(instances("orders").get(0).status()).isEqualTo(HealthStatus.CRITICAL);
		this.sm.apply(1, new Command.ServiceHeartbeat("orders", "a"));
		assertThat(instances("orders").get(0).status()).isEqualTo(HealthStatus.PASSING);
		this.sm.advance(4_999);
		assertThat(instances("orders")).hasSize(1);
	}

	@Test
	void reportedHealthIsStoredAndCriticalInstancesDeregisterAfterTheDelay() {
		register(1, ServiceRegistration.of("orders", "a", "h", 1).withChecks(null, Duration.ofSeconds(3)));
		this.sm.apply(1, new Command.ServiceHealth("orders", "a", HealthStatus.WARNING, "429 Too Many Requests"));
		assertThat(instances("orders").get(0).status()).isEqualTo(HealthStatus.WARNING);
		this.sm.apply(1, new Command.ServiceHealth("orders", "a", HealthStatus.CRITICAL, "500"));
		this.sm.advance(3_000);
		assertThat(instances("orders")).isEmpty();
	}

	@Test
	void unchangedHeartbeatsWriteNoRevision() {
		register(1, ServiceRegistration.of("orders", "a", "h", 1).withChecks(Duration.ofSeconds(5), null));
		this.sm.apply(3, new Command.KvWatch(1, "/_services/", true, 0));
		this.sm.apply(1, new Command.ServiceHeartbeat("orders", "a"));
		this.sm.apply(1, new Command.ServiceHeartbeat("orders", "a"));
		assertThat(this.sm.eventsOf(3, Event.KvChanged.class)).isEmpty();
	}

	@Test
	void servicesAreListedByName() {
		register(1, ServiceRegistration.of("orders", "a", "h", 1));
		register(1, ServiceRegistration.of("billing", "a", "h", 1));
		assertThat(((Listing) this.sm.query(new Query.ServiceNames())).items()).isEqualTo(List.of("billing", "orders"));
		assertThat(this.sm.apply(1, new Command.ServiceDeregister("billing", "a"))).isEqualTo(Result.DONE);
		assertThat(((Listing) this.sm.query(new Query.ServiceNames())).items()).isEqualTo(List.of("orders"));
	}

	@Test
	void anotherLiveSessionCannotTakeOverAnEphemeralInstance() {
		register(1, ServiceRegistration.of("orders", "a", "h", 1));
		assertThat(this.sm.apply(2, new Command.ServiceRegister(ServiceRegistration.of("orders", "a", "h", 2))))
			.isInstanceOfSatisfying(Result.Failed.class, (f) -> assertThat(f.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
	}

	@Test
	void badRegistrationsAreRefused() {
		assertThat(this.sm.apply(1, new Command.ServiceRegister(ServiceRegistration.of("a/b", "x", "h", 1))))
			.isInstanceOfSatisfying(Result.Failed.class,
					(f) -> assertThat(f.message()).contains("service must not contain '/'"));
		assertThat(this.sm.apply(1, new Command.ServiceRegister(ServiceRegistration.of("s", "x", "", 1))))
			.isInstanceOfSatisfying(Result.Failed.class, (f) -> assertThat(f.message()).contains("host name"));
	}

	@Test
	void groupMembersAreBoundToTheirSession() {
		assertThat(this.sm.apply(1, new Command.GroupJoin("workers", "w1", Map.of("slots", "4")))).isEqualTo(Result.DONE);
		this.sm.apply(2, new Command.GroupJoin("workers", "w2", Map.of()));
		assertThat(this.sm.apply(3, new Command.GroupJoin("workers", "w1", Map.of())))
			.isInstanceOfSatisfying(Result.Failed.class, (f) -> assertThat(f.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
		assertThat(members("workers")).extracting(GroupMember::memberId).containsExactly("w1", "w2");
		assertThat(members("workers").get(0).metadata()).containsEntry("slots", "4");
		this.sm.expire(1);
		assertThat(members("workers")).extracting(GroupMember::memberId).containsExactly("w2");
		assertThat(this.sm.apply(3, new Command.GroupLeave("workers", "w2"))).isEqualTo(Result.UNCHANGED);
		assertThat(this.sm.apply(2, new Command.GroupLeave("workers", "w2"))).isEqualTo(Result.DONE);
		assertThat(members("workers")).isEmpty();
	}

	@Test
	void storedRecordsAreTheSameBytesWhateverTheMapOrder() {
		this.sm.apply(1, new Command.GroupJoin("workers", "w1", Map.of("b", "2", "a", "1", "c", "3", "d", "4")));
		io.coordination.kv.KeyValue stored = (io.coordination.kv.KeyValue) this.sm
			.query(new Query.KvGet("/_groups/workers/w1"));
		assertThat(stored.valueAsString()).contains("{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\",\"d\":\"4\"}");
	}

	private void register(long session, ServiceRegistration registration) {
		assertThat(this.sm.apply(session, new Command.ServiceRegister(registration))).isEqualTo(Result.DONE);
	}

	@SuppressWarnings("unchecked")
	private List<ServiceInstance> instances(String service) {
		return (List<ServiceInstance>) ((Listing) this.sm.query(new Query.ServiceInstances(service))).items();
	}

	@SuppressWarnings("unchecked")
	private List<GroupMember> members(String group) {
		return (List<GroupMember>) ((Listing) this.sm.query(new Query.GroupMembers(group))).items();
	}

}
