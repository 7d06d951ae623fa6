package io.coordination.autoconfigure.metrics;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;

import io.coordination.Coordination;
import io.coordination.autoconfigure.config.CoordinationConfigChangedEvent;
import io.coordination.autoconfigure.election.LeadershipEvent;
import io.coordination.autoconfigure.election.LeadershipCoordinator;
import io.coordination.cluster.RaftPartitionInfo;
import io.coordination.session.SessionState;

/**
 * Gauges and counters of the node: active locks, leadership per group, Raft term, commit index and leader changes per
 * partition, session expiries, configuration changes, and instances of the services this application registered.
 * The Raft view is sampled once a second, so that a scrape never waits for the cluster.
 */
public class CoordinationMetrics implements MeterBinder, DisposableBean {

	private final ObjectProvider<Coordination> coordination;

	private final LockGauge locks;

	private final ObjectProvider<LeadershipCoordinator> leadership;

	private final Set<String> leaderGauges = ConcurrentHashMap.newKeySet();

	private final Map<String, Partition> partitions = new ConcurrentHashMap<>();

	private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "coordination-metrics");
		thread.setDaemon(true);
		return thread;
	});

	private MeterRegistry registry;

	CoordinationMetrics(ObjectProvider<Coordination> coordination, LockGauge locks,
			ObjectProvider<LeadershipCoordinator> leadership) {
		this.coordination = coordination;
		this.locks = locks;
		this.leadership = leadership;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		Gauge.builder("coordination.lock.active", this.locks, LockGauge::value)
			.description("Locks held through this application")
			.register(registry);
		Coordination client = this.coordination.getObject();
		registry.counter("coordination.session.expired");
		client.session().addListener((session, state) -> {
			if (state == SessionState.EXPIRED) {
				registry.counter("coordination.session.expired").increment();
			}
		});
		sample();
		this.sampler.scheduleWithFixedDelay(this::sample, 1, 1, TimeUnit.SECONDS);
	}

	private void sample() {
		try {
			for (RaftPartitionInfo info : this.coordination.getObject().cluster().partitions()) {
				String key = info.group() + "/" + info.id();
				Partition partition = this.partitions.computeIfAbsent(key, (k) -> register(info));
				partition.update(info);
			}
		}
		catch (RuntimeException ex) {
			// the next sample tries again
		}
	}

	private Partition register(RaftPartitionInfo info) {
		Partition partition = new Partition();
		String group = info.group();
		String id = String.valueOf(info.id());
		Gauge.builder("coordination.raft.term", partition.term, AtomicLong::get)
			.description("Raft term of the partition")
			.tags("group", group, "partition", id)
			.register(this.registry);
		Gauge.builder("coordination.raft.commit.index", partition.commitIndex, AtomicLong::get)
			.description("Raft commit index of the partition, on this member")
			.tags("group", group, "partition", id)
			.register(this.registry);
		FunctionCounter.builder("coordination.raft.leader.changes", partition.leaderChanges, AtomicLong::get)
			.description("Raft leader changes seen by this member")
			.tags("group", group, "partition", id)
			.register(this.registry);
		return partition;
	}

	/**
	 * Every group this instance takes part in gets its gauge once the context is up, leader or not.
	 */
	@EventListener(ContextRefreshedEvent.class)
	void contextRefreshed() {
		LeadershipCoordinator coordinator = this.leadership.getIfAvailable();
		if (coordinator != null) {
			coordinator.groups().forEach(this::leaderGauge);
		}
	}

	@EventListener
	void leadershipChanged(LeadershipEvent event) {
		if (this.registry == null) {
			return;
		}
		leaderGauge(event.getGroup());
		this.registry.counter("coordination.election.changes", "group", event.getGroup()).increment();
	}

	/**
	 * Asks the coordinator at every scrape (leadership checked now, a suspended session counting as not leading)
	 * rather than following events.
	 */
	private void leaderGauge(String group) {
		LeadershipCoordinator coordinator = this.leadership.getIfAvailable();
		if (this.registry == null || coordinator == null || !this.leaderGauges.add(group)) {
			return;
		}
		Gauge.builder("coordination.election.leader", coordinator, (c) -> c.isLeader(group) ? 1 : 0)
			.description("1 while this instance leads the group")
			.tag("group", group)
			.register(this.registry);
	}

	@EventListener
	void configChanged(CoordinationConfigChangedEvent event) {
		if (this.registry != null) {
			this.registry.counter("coordination.config.changes", "application", event.getConfig().application())
				.increment();
		}
	}

	@Override
	public void destroy() {
		this.sampler.shutdownNow();
	}

	private static final class Partition {

		final AtomicLong term = new AtomicLong();

		final AtomicLong commitIndex = new AtomicLong();

		final AtomicLong leaderChanges = new AtomicLong();

		private String leader;

		synchronized void update(RaftPartitionInfo info) {
			this.term.set(info.term());
			this.commitIndex.set(info.commitIndex());
			if (info.leader() != null && this.leader != null && !info.leader().equals(this.leader)) {
				this.leaderChanges.incrementAndGet();
			}
			if (info.leader() != null) {
				this.leader = info.leader();
			}
		}

	}

}
