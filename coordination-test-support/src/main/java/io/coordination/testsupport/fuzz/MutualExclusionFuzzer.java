package io.coordination.testsupport.fuzz;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import io.coordination.Coordination;
import io.coordination.lock.LockLease;

/**
 * Hammers a few locks from many threads of many clients and checks, inside every critical section, that nobody else
 * is inside and that the fencing token is greater than every token seen before on that lock. Reentrant acquisitions
 * are mixed in and must return the held token.
 */
public final class MutualExclusionFuzzer {

	private final List<Coordination> clients;

	private final int threadsPerClient;

	private final List<String> locks;

	private final Map<String, Section> sections = new ConcurrentHashMap<>();

	private final List<String> violations = new CopyOnWriteArrayList<>();

	private final AtomicLong grants = new AtomicLong();

	private final AtomicLong misses = new AtomicLong();

	/**
	 * Configures a run.
	 * @param clients the clients (distinct sessions)
	 * @param threadsPerClient threads per client, each its own owner
	 * @param locks lock names the threads compete for
	 */
	public MutualExclusionFuzzer(List<Coordination> clients, int threadsPerClient, List<String> locks) {
		this.clients = List.copyOf(clients);
		this.threadsPerClient = threadsPerClient;
		this.locks = List.copyOf(locks);
		for (String lock : locks) {
			this.sections.put(lock, new Section());
		}
	}

	/**
	 * Runs for a while.
	 * @param duration how long
	 * @return what happened
	 */
	public Report run(Duration duration) {
		long deadline = System.nanoTime() + duration.toNanos();
		ExecutorService pool = Executors.newFixedThreadPool(this.clients.size() * this.threadsPerClient);
		List<Future<?>> workers = new ArrayList<>();
		for (Coordination client : this.clients) {
			for (int i = 0; i < this.threadsPerClient; i++) {
				workers.add(pool.submit(() -> work(client, deadline)));
			}
		}
		try {
			for (Future<?> worker : workers) {
				worker.get(duration.toMillis() + 120_000, TimeUnit.MILLISECONDS);
			}
		}
		catch (Exception ex) {
			this.violations.add("A worker failed: " + ex);
		}
		finally {
			pool.shutdownNow();
		}
		return new Report(this.grants.get(), this.misses.get(), List.copyOf(this.violations));
	}

	private void work(Coordination client, long deadline) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		while (System.nanoTime() < deadline && this.violations.isEmpty()) {
			String name = this.locks.get(random.nextInt(this.locks.size()));
			Duration wait = Duration.ofMillis(random.nextInt(4) == 0 ? 0 : random.nextInt(300));
			Optional<LockLease> lease = client.lock(name).tryLock(wait);
			if (lease.isEmpty()) {
				this.misses.incrementAndGet();
				continue;
			}
			try (LockLease held = lease.get()) {
				critical(client, name, held, random);
			}
			this.grants.incrementAndGet();
		}
	}

	private void critical(Coordination client, String name, LockLease lease, ThreadLocalRandom random) {
		Section section = this.sections.get(name);
		Thread me = Thread.currentThread();
		Thread other = section.holder.getAndSet(me);
		if (other != null) {
			this.violations.add("Two holders of '" + name + "': " + other.getName() + " and " + me.getName());
		}
		long previous = section.lastToken.getAndSet(lease.fencingToken());
		if (lease.fencingToken() <= previous) {
			this.violations.add("Token of '" + name + "' did not increase: " + previous + " then " + lease.fencingToken());
		}
		if (!lease.isValid()) {
			this.violations.add("Fresh lease on '" + name + "' is not valid");
		}
		if (random.nextInt(5) == 0) {
			try (LockLease again = client.lock(name).lock()) {
				if (again.fencingToken() != lease.fencingToken()) {
					this.violations.add("Reentrant acquisition of '" + name + "' changed the token");
				}
			}
		}
		LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(random.nextInt(2_000)));
		if (!section.holder.compareAndSet(me, null)) {
			this.violations.add("Someone entered '" + name + "' while " + me.getName() + " held it");
		}
	}

	private static final class Section {

		final AtomicReference<Thread> holder = new AtomicReference<>();

		final AtomicLong lastToken = new AtomicLong();

	}

	/**
	 * What a run saw.
	 *
	 * @param grants critical sections entered
	 * @param misses acquisitions that timed out
	 * @param violations every broken rule, empty if none
	 */
	public record Report(long grants, long misses, List<String> violations) {
	}

}
