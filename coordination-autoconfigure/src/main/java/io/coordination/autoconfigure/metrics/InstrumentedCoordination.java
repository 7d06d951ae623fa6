package io.coordination.autoconfigure.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.beans.factory.ObjectProvider;

import io.coordination.Coordination;
import io.coordination.CoordinationInspector;
import io.coordination.LeaseLostListener;
import io.coordination.barrier.DistributedBarrier;
import io.coordination.barrier.DoubleBarrier;
import io.coordination.cluster.ClusterView;
import io.coordination.config.ConfigStore;
import io.coordination.discovery.ServiceRegistry;
import io.coordination.election.LeaderElection;
import io.coordination.group.GroupMembership;
import io.coordination.kv.KeyValueStore;
import io.coordination.lock.DistributedLock;
import io.coordination.lock.DistributedReadWriteLock;
import io.coordination.lock.LockInfo;
import io.coordination.lock.LockLease;
import io.coordination.lock.LockMode;
import io.coordination.semaphore.DistributedSemaphore;
import io.coordination.session.CoordinationSession;

/**
 * The {@link Coordination} bean with lock meters: {@code coordination.lock.acquire} (timer; tags {@code mode},
 * {@code outcome}), {@code coordination.lock.held} (timer; tag {@code mode}), {@code coordination.lock.lost} (counter;
 * tag {@code mode}). Lock names are not tags: they may be unbounded.
 */
public final class InstrumentedCoordination implements Coordination {

	private final Coordination delegate;

	private final ObjectProvider<MeterRegistry> registry;

	private final LockGauge active;

	InstrumentedCoordination(Coordination delegate, ObjectProvider<MeterRegistry> registry, LockGauge active) {
		this.delegate = delegate;
		this.registry = registry;
		this.active = active;
	}

	/**
	 * The instrumented instance.
	 * @return the delegate
	 */
	public Coordination delegate() {
		return this.delegate;
	}

	@Override
	public DistributedLock lock(String name) {
		return new InstrumentedLock(this.delegate.lock(name), LockMode.EXCLUSIVE);
	}

	@Override
	public DistributedReadWriteLock readWriteLock(String name) {
		DistributedReadWriteLock lock = this.delegate.readWriteLock(name);
		return new DistributedReadWriteLock() {

			@Override
			public String name() {
				return lock.name();
			}

			@Override
			public DistributedLock readLock() {
				return new InstrumentedLock(lock.readLock(), LockMode.READ);
			}

			@Override
			public DistributedLock writeLock() {
				return new InstrumentedLock(lock.writeLock(), LockMode.WRITE);
			}

			@Override
			public LockInfo info() {
				return lock.info();
			}

		};
	}

	@Override
	public DistributedSemaphore semaphore(String name, int permits) {
		return this.delegate.semaphore(name, permits);
	}

	@Override
	public LeaderElection election(String group) {
		return this.delegate.election(group);
	}

	@Override
	public DistributedBarrier barrier(String name, int parties) {
		return this.delegate.barrier(name, parties);
	}

	@Override
	public DoubleBarrier doubleBarrier(String name, int parties) {
		return this.delegate.doubleBarrier(name, parties);
	}

	@Override
	public KeyValueStore keyValue() {
		return this.delegate.keyValue();
	}

	@Override
	public ConfigStore config() {
		return this.delegate.config();
	}

	@Override
	public ServiceRegistry discovery() {
		return this.delegate.discovery();
	}

	@Override
	public GroupMembership group(String name) {
		return this.delegate.group(name);
	}

	@Override
	public CoordinationSession session() {
		return this.delegate.session();
	}

	@Override
	public ClusterView cluster() {
		return this.delegate.cluster();
	}

	@Override
	public CoordinationInspector inspector() {
		return this.delegate.inspector();
	}

	@Override
	public void close() {
		this.delegate.close();
	}

	private final class InstrumentedLock implements DistributedLock {

		private final DistributedLock lock;

		private final LockMode mode;

		InstrumentedLock(DistributedLock lock, LockMode mode) {
			this.lock = lock;
			this.mode = mode;
		}

		@Override
		public String name() {
			return this.lock.name();
		}

		@Override
		public LockLease lock() {
			return timed(() -> Optional.of(this.lock.lock())).orElseThrow();
		}

		@Override
		public LockLease lock(Duration leaseTime) {
			return timed(() -> Optional.of(this.lock.lock(leaseTime))).orElseThrow();
		}

		@Override
		public Optional<LockLease> tryLock() {
			return timed(this.lock::tryLock);
		}

		@Override
		public Optional<LockLease> tryLock(Duration waitTime) {
			return timed(() -> this.lock.tryLock(waitTime));
		}

		@Override
		public Optional<LockLease> tryLock(Duration waitTime, Duration leaseTime) {
			return timed(() -> this.lock.tryLock(waitTime, leaseTime));
		}

		private Optional<LockLease> timed(Supplier<Optional<LockLease>> acquisition) {
			MeterRegistry meters = InstrumentedCoordination.this.registry.getIfAvailable();
			if (meters == null) {
				return acquisition.get();
			}
			long start = System.nanoTime();
			String outcome = "failed";
			try {
				Optional<LockLease> lease = acquisition.get();
				outcome = lease.isPresent() ? "acquired" : "not_acquired";
				return lease.map((held) -> new InstrumentedLease(held, this.mode, meters));
			}
			finally {
				Timer.builder("coordination.lock.acquire")
					.description("Time to acquire a lock, by outcome")
					.tag("mode", tag(this.mode))
					.tag("outcome", outcome)
					.register(meters)
					.record(Duration.ofNanos(System.nanoTime() - start));
			}
		}

		@Override
		public boolean isLocked() {
			return this.lock.isLocked();
		}

		@Override
		public boolean isHeldBy(long fencingToken) {
			return this.lock.isHeldBy(fencingToken);
		}

		@Override
		public LockInfo info() {
			return this.lock.info();
		}

		@Override
		public boolean forceRelease() {
			return this.lock.forceRelease();
		}

		@Override
		public boolean forceRelease(long fencingToken) {
			return this.lock.forceRelease(fencingToken);
		}

	}

	private final class InstrumentedLease implements LockLease {

		private final LockLease lease;

		private final LockMode mode;

		private final MeterRegistry meters;

		private final long acquiredAt = System.nanoTime();

		private final AtomicBoolean ended = new AtomicBoolean();

		InstrumentedLease(LockLease lease, LockMode mode, MeterRegistry meters) {
			this.lease = lease;
			this.mode = mode;
			this.meters = meters;
			InstrumentedCoordination.this.active.held();
			lease.addLostListener((event) -> {
				if (this.ended.compareAndSet(false, true)) {
					InstrumentedCoordination.this.active.released();
					meters.counter("coordination.lock.lost", "mode", tag(mode), "reason", event.reason().name())
						.increment();
				}
			});
		}

		@Override
		public LockMode mode() {
			return this.lease.mode();
		}

		@Override
		public String resource() {
			return this.lease.resource();
		}

		@Override
		public long fencingToken() {
			return this.lease.fencingToken();
		}

		@Override
		public Instant grantedAt() {
			return this.lease.grantedAt();
		}

		@Override
		public boolean isValid() {
			return this.lease.isValid();
		}

		@Override
		public void checkValid() {
			this.lease.checkValid();
		}

		@Override
		public void addLostListener(LeaseLostListener listener) {
			this.lease.addLostListener(listener);
		}

		@Override
		public void close() {
			if (this.ended.compareAndSet(false, true)) {
				InstrumentedCoordination.this.active.released();
				Timer.builder("coordination.lock.held")
					.description("Time locks were held until released")
					.tag("mode", tag(this.mode))
					.register(this.meters)
					.record(Duration.ofNanos(System.nanoTime() - this.acquiredAt));
			}
			this.lease.close();
		}

	}

	private static String tag(LockMode mode) {
		return mode.name().toLowerCase(java.util.Locale.ROOT);
	}

}
