package io.coordination.autoconfigure.election;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.Lifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.leader.event.AbstractLeaderEvent;
import org.springframework.integration.leader.event.OnGrantedEvent;

import io.coordination.annotation.LeaderContext;
import io.coordination.annotation.LeaderOnly;
import io.coordination.autoconfigure.SharedNode;
import io.coordination.election.Candidacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@ExtendWith(SharedNode.class)
class LeaderOnlyTests {

	private final ApplicationContextRunner runner = SharedNode.runner(AopAutoConfiguration.class, LeaderAutoConfiguration.class)
		.withUserConfiguration(Beans.class);

	@Test
	void runsOnTheLeaderWithItsTermAndPublishesTheGrant() {
		this.runner.withPropertyValues("coordination.leader.group=solo").run((context) -> {
			Jobs jobs = context.getBean(Jobs.class);
			await().until(() -> jobs.run().isPresent());
			long term = jobs.run().orElseThrow();
			assertThat(SharedNode.otherClient().election("solo").leader().orElseThrow().term()).isEqualTo(term);
			assertThat(context.getBean(Events.class).received).singleElement()
				.satisfies((event) -> {
					assertThat(event).isInstanceOf(LeadershipGrantedEvent.class);
					assertThat(event.getGroup()).isEqualTo("solo");
					assertThat(event.getTerm()).isEqualTo(term);
				});
		});
		assertThat(SharedNode.otherClient().election("solo").leader()).isEmpty();
	}

	@Test
	void skipsOrThrowsWhileAnotherInstanceLeads() {
		try (Candidacy leader = SharedNode.otherClient().election("taken").join("someone-else", Map.of())) {
			this.runner.withPropertyValues("coordination.leader.group=taken").run((context) -> {
				Jobs jobs = context.getBean(Jobs.class);
				assertThat(jobs.run()).isEmpty();
				assertThatThrownBy(jobs::strict).isInstanceOf(NotLeaderException.class).hasMessageContaining("'taken'");
				assertThat(SharedNode.otherClient().election("taken").info().candidates()).hasSize(2);
			});
		}
	}

	@Test
	void takesOverWhenTheLeaderLeaves() {
		Candidacy leader = SharedNode.otherClient().election("handover").join("someone-else", Map.of());
		this.runner.withPropertyValues("coordination.leader.group=handover").run((context) -> {
			Jobs jobs = context.getBean(Jobs.class);
			assertThat(jobs.run()).isEmpty();
			leader.close();
			await().until(() -> jobs.run().isPresent());
			assertThat(context.getBean(Events.class).received).extracting(LeadershipEvent::getGroup).contains("handover");
		});
	}

	@Test
	void startsALeaderBoundLifecycleOnlyWhileLeading() {
		try (Candidacy leader = SharedNode.otherClient().election("worker").join("someone-else", Map.of())) {
			this.runner.withPropertyValues("coordination.leader.group=worker")
				.withUserConfiguration(WorkerConfiguration.class)
				.run((context) -> {
					Worker worker = context.getBean(Worker.class);
					assertThat(worker.isRunning()).isFalse();
					leader.close();
					await().until(worker::isRunning);
				});
		}
	}

	@Test
	void refusesATargetThatWouldStartOnItsOwn() {
		this.runner.withBean("eager", EagerWorker.class, EagerWorker::new)
			.withBean(LeaderLifecycle.class, () -> new LeaderLifecycle("eager", "eager"))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("'eager'")
				.hasMessageContaining("isAutoStartup"));
	}

	@Test
	void bridgesToSpringIntegrationLeaderEvents() {
		this.runner.withPropertyValues("coordination.leader.group=bridged").run((context) -> {
			Events events = context.getBean(Events.class);
			await().until(() -> events.integration.stream().anyMatch((e) -> e instanceof OnGrantedEvent));
			assertThat(events.integration.get(0).getRole()).isEqualTo("bridged");
			assertThat(events.integration.get(0).getContext().isLeader()).isTrue();
		});
	}

	@Test
	void worksWithoutSpringIntegration() {
		SharedNode.runner(LeaderAutoConfiguration.class)
			.withClassLoader(new FilteredClassLoader("org.springframework.integration"))
			.withPropertyValues("coordination.leader.group=plain")
			.run((context) -> assertThat(context).doesNotHaveBean(IntegrationLeadershipBridge.class)
				.hasSingleBean(LeadershipCoordinator.class));
	}

	@Test
	void isSwitchedOffByItsProperty() {
		this.runner.withPropertyValues("coordination.leader.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LeadershipCoordinator.class)
				.doesNotHaveBean(LeaderOnlyAdvisor.class));
	}

	static class Jobs {

		@LeaderOnly
		Optional<Long> run() {
			return Optional.of(LeaderContext.currentTerm());
		}

		@LeaderOnly(onNotLeader = LeaderOnly.OnNotLeader.THROW)
		void strict() {
		}

	}

	static class Events implements ApplicationListener<LeadershipEvent> {

		final List<LeadershipEvent> received = new CopyOnWriteArrayList<>();

		final List<AbstractLeaderEvent> integration = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(LeadershipEvent event) {
			this.received.add(event);
		}

		@org.springframework.context.event.EventListener
		void integration(AbstractLeaderEvent event) {
			this.integration.add(event);
		}

	}

	static class EagerWorker implements org.springframework.context.SmartLifecycle {

		private volatile boolean running;

		@Override
		public void start() {
			this.running = true;
		}

		@Override
		public void stop() {
			this.running = false;
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

	}

	static class Worker implements Lifecycle {

		private final AtomicBoolean running = new AtomicBoolean();

		@Override
		public void start() {
			this.running.set(true);
		}

		@Override
		public void stop() {
			this.running.set(false);
		}

		@Override
		public boolean isRunning() {
			return this.running.get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Beans {

		@Bean
		Jobs jobs() {
			return new Jobs();
		}

		@Bean
		Events events() {
			return new Events();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WorkerConfiguration {

		@Bean
		Worker worker() {
			return new Worker();
		}

		@Bean
		LeaderLifecycle workerLeadership() {
			return new LeaderLifecycle("worker", "worker");
		}

	}

}
