package io.coordination.autoconfigure.metrics;

import java.time.Duration;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.coordination.Coordination;
import io.coordination.autoconfigure.SharedNode;
import io.coordination.lock.LockLease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(SharedNode.class)
class CoordinationMetricsAutoConfigurationTests {

	private final ApplicationContextRunner runner = SharedNode.runner(MetricsAutoConfiguration.class,
			CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
			CoordinationMetricsAutoConfiguration.class);

	@Test
	void timesAcquisitionsByOutcomeAndCountsActiveAndLostLocks() {
		this.runner.run((context) -> {
			Coordination coordination = context.getBean(Coordination.class);
			assertThat(coordination).isInstanceOf(InstrumentedCoordination.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);

			LockLease lease = coordination.lock("metrics-lock").lock();
			assertThat(meters.get("coordination.lock.acquire").tag("outcome", "acquired").timer().count())
				.isEqualTo(1);
			assertThat(meters.get("coordination.lock.active").gauge().value()).isEqualTo(1.0);

			Coordination other = SharedNode.node().openCoordination();
			try {
				LockLease othersLease = other.lock("metrics-other").lock();
				Optional<LockLease> refused = coordination.lock("metrics-other").tryLock();
				assertThat(refused).isEmpty();
				othersLease.close();
				assertThat(meters.get("coordination.lock.acquire").tag("outcome", "not_acquired").timer().count())
					.isEqualTo(1);
				// an operator (another client) takes it away: the holder's loss is counted
				other.lock("metrics-lock").forceRelease();
				await().atMost(Duration.ofSeconds(30))
					.until(() -> meters.find("coordination.lock.lost").counter() != null
							&& meters.find("coordination.lock.lost").counter().count() == 1);
			}
			finally {
				other.close();
			}
			lease.close();
			assertThat(meters.get("coordination.lock.active").gauge().value()).isZero();
			// a lost lock is not counted as held time; a released one is
			assertThat(meters.find("coordination.lock.held").timer()).isNull();
			coordination.lock("metrics-held").lock().close();
			assertThat(meters.get("coordination.lock.held").timer().count()).isEqualTo(1);
		});
	}

	@Test
	void samplesRaftTermCommitIndexAndSessionExpiries() {
		this.runner.run((context) -> {
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> meters.find("coordination.raft.term").tag("group", "coordination").gauge() != null
						&& meters.find("coordination.raft.term").tag("group", "coordination").gauge().value() > 0);
			assertThat(meters.get("coordination.raft.commit.index").gauges()).isNotEmpty();
			assertThat(meters.get("coordination.raft.leader.changes").functionCounters()).isNotEmpty();
			assertThat(meters.get("coordination.session.expired").counter().count()).isZero();
		});
	}

	@Test
	void isSwitchedOffByItsProperty() {
		this.runner.withPropertyValues("coordination.metrics.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(CoordinationMetrics.class);
			assertThat(context.getBean(Coordination.class)).isNotInstanceOf(InstrumentedCoordination.class);
		});
	}

	@Test
	void backsOffWithoutMicrometer() {
		SharedNode.runner(CoordinationMetricsAutoConfiguration.class)
			.withClassLoader(new FilteredClassLoader("io.micrometer"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CoordinationMetrics.class));
	}

}
