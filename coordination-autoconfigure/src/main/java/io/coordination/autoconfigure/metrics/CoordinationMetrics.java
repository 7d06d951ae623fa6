package io.coordination.autoconfigure.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;

import io.coordination.Coordination;
import io.coordination.autoconfigure.config.CoordinationConfigChangedEvent;
import io.coordination.autoconfigure.election.LeadershipEvent;
import io.coordination.autoconfigure.election.LeadershipGrantedEvent;
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

	private final Map<String, AtomicInteger> leading = new ConcurrentHashMap<>();

	private final Map<String, Partition> partitions = new ConcurrentHashMap<>();

	private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "coordination-metrics");
		thread.setDaemon(true);
		return thread;
	});

	private MeterRegistry registry;

	CoordinationMetrics(ObjectProvider<Coordination> coordination, LockGauge locks) {
		this.coordination = coordination;
		this.locks = locks;
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

	@EventListener
	void leadershipChanged(LeadershipEvent event) {
		if (this.registry == null) {
			return;
		}
		AtomicInteger gauge = this.leading.computeIfAbsent(event.getGroup(), (group) -> {
			AtomicInteger value = new AtomicInteger();
			Gauge.builder("coordination.election.leader", value, AtomicInteger::get)
				.description("1 while this instance leads the group")
				.tag("group", group)
				.register(this.registry);
			return value;
		});
		gauge.set((event instanceof LeadershipGrantedEvent) ? 1 : 0);
		this.registry.counter("coordination.election.changes", "group", event.getGroup()).increment();
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
