package io.coordination.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import io.coordination.Coordination;
import io.coordination.cluster.RaftPartitionInfo;
import io.coordination.config.ConfigChange;
import io.coordination.config.ConfigFormat;
import io.coordination.config.ConfigStore;
import io.coordination.core.CoordinationNode;
import io.coordination.discovery.ServiceRegistration;
import io.coordination.discovery.ServiceRegistry;
import io.coordination.kv.KeyValueStore;
import io.coordination.kv.PutOptions;
import io.coordination.kv.ReadConsistency;
import io.coordination.lock.LockLease;
import io.coordination.testsupport.cluster.FreePorts;
import io.coordination.testsupport.process.NodeProcess;
import io.coordination.testsupport.process.ProcessCluster;

/**
 * Starts a 3-voter cluster as separate JVMs on loopback, joins it as a client member from this JVM, and prints lock
 * throughput and latency; key-value put and get throughput and latency; configuration-change and registration
 * propagation to watchers on three members; leader-failover time and holder-crash handover time.
 * <p>
 * Options: {@code --threads 1,8,32} {@code --duration 10} (seconds per measurement) {@code --warmup 5}
 * {@code --failovers 3} {@code --session-timeout 10} (seconds) {@code --propagations 200}
 * {@code --sections locks,kv,config,discovery,failover,handover,http} {@code --sync true} (whether the voters sync
 * their Raft log before acknowledging; {@code false} shows what the sync costs). The {@code http} section starts a sidecar agent
 * (a client member, from {@code sidecar-app}'s jar: build it first) and measures locks through its HTTP API with
 * {@code coordination-client}, beside the same operations of the embedded client member.
 */
public final class CoordinationBenchmark {

	private static final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

	private static final List<String> VOTER_JVM = List.of("-Xmx512m", "-XX:+UseSerialGC");

	private final int[] threadCounts;

	private final Duration duration;

	private final Duration warmup;

	private final int failovers;

	private final Duration sessionTimeout;

	private final int propagations;

	private final List<String> sections;

	private final boolean sync;

	private ProcessCluster cluster;

	private CoordinationNode client;

	private CoordinationBenchmark(Map<String, String> options) {
		this.threadCounts = Arrays.stream(options.getOrDefault("threads", "1,8,32").split(","))
			.mapToInt(Integer::parseInt)
			.toArray();
		this.duration = Duration.ofSeconds(Long.parseLong(options.getOrDefault("duration", "10")));
		this.warmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "5")));
		this.failovers = Integer.parseInt(options.getOrDefault("failovers", "3"));
		this.sessionTimeout = Duration.ofSeconds(Long.parseLong(options.getOrDefault("session-timeout", "10")));
		this.propagations = Integer.parseInt(options.getOrDefault("propagations", "200"));
		this.sync = Boolean.parseBoolean(options.getOrDefault("sync", "true"));
		this.sections = List.of(
				options.getOrDefault("sections", "locks,kv,config,discovery,failover,handover,http").split(","));
	}

	/**
	 * Runs the benchmark.
	 * @param args see the class description
	 */
	public static void main(String[] args) {
		new CoordinationBenchmark(options(args)).run();
		System.exit(0);
	}

	/**
	 * Reads {@code --name value} pairs.
	 * @param args the arguments
	 * @return the values by name
	 */
	static Map<String, String> options(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		}
		return options;
	}

	private void run() {
		out.printf("Coordination benchmark, %s, %d cores, %s %s, Raft log %s%n", LocalDate.now(),
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
				System.getProperty("java.version"),
				this.sync ? "synced before every acknowledgement" : "NOT synced (coordination.node.sync=false)");
		out.printf("3 voters as separate JVMs on 127.0.0.1 (%s), client member in this JVM (%s), session timeout %ds%n",
				String.join(" ", VOTER_JVM), String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()
					.stream().filter((a) -> a.startsWith("-X")).toList()), this.sessionTimeout.toSeconds());
		long started = System.nanoTime();
		List<String> voterJvm = new ArrayList<>(VOTER_JVM);
		voterJvm.add("-Dcoordination.node.sync=" + this.sync);
		this.cluster = new ProcessCluster(3, this.sessionTimeout, voterJvm).start();
		this.client = CoordinationNode.builder()
			.memberId("bench-client")
			.host("127.0.0.1")
			.port(FreePorts.next())
			.members(this.cluster.members())
			.sessionTimeout(this.sessionTimeout)
			.build()
			.start();
		out.printf("cluster up in %.1f s%n%n", (System.nanoTime() - started) / 1e9);
		try {
			Coordination coordination = this.client.coordination();
			// warm up every JVM (voters and client) before the first measurement
			measure(32, this.warmup.multipliedBy(2), (t) -> lockOnce(coordination, "bench-" + t));
			if (this.sections.contains("locks")) {
				locks(coordination);
			}
			if (this.sections.contains("kv")) {
				keyValue(coordination);
			}
			if (this.sections.contains("config") || this.sections.contains("discovery")) {
				propagation();
			}
			if (this.sections.contains("failover")) {
				failover();
			}
			if (this.sections.contains("handover")) {
				handover();
			}
			if (this.sections.contains("http")) {
				http(coordination);
			}
		}
		finally {
			this.client.close();
			this.cluster.close();
		}
	}

	// ---- throughput and latency

	private void locks(Coordination coordination) {
		out.println("lock acquire + release (one lock() and one close() per operation)");
		header("mode");
		for (boolean contended : new boolean[] { false, true }) {
			for (int threads : this.threadCounts) {
				Operation operation = (t) -> lockOnce(coordination, contended ? "bench-contended" : "bench-" + t);
				measure(threads, this.warmup, operation);
				row(contended ? "contended" : "uncontended", threads, measure(threads, this.duration, operation));
			}
		}
		out.println();
	}

	private static void lockOnce(Coordination coordination, String name) {
		try (LockLease lease = coordination.lock(name).lock()) {
			lease.fencingToken();
		}
	}

	private void keyValue(Coordination coordination) {
		out.println("key-value: put of a 100-byte value (a key per thread), get linearizable and sequential");
		header("operation");
		byte[] value = new byte[100];
		KeyValueStore kv = coordination.keyValue();
		for (int t = 0; t < 32; t++) {
			kv.put("/bench/key-" + t, value, PutOptions.DEFAULT);
		}
		Map<String, Operation> operations = new java.util.LinkedHashMap<>();
		operations.put("put", (t) -> kv.put("/bench/key-" + t, value, PutOptions.DEFAULT));
		operations.put("get", (t) -> kv.get("/bench/key-" + t));
		operations.put("get (seq.)", (t) -> kv.get("/bench/key-" + t, ReadConsistency.SEQUENTIAL));
		for (Map.Entry<String, Operation> operation : operations.entrySet()) {
			for (int threads : this.threadCounts) {
				measure(threads, this.warmup, operation.getValue());
				row(operation.getKey(), threads, measure(threads, this.duration, operation.getValue()));
			}
		}
		out.println();
	}

	private static void header(String first) {
		out.printf("%-12s %8s %10s %10s %10s %10s%n", first, "threads", "ops/s", "p50 ms", "p99 ms", "max ms");
	}

	private static void row(String label, int threads, Result result) {
		out.printf("%-12s %8d %10.0f %10.2f %10.2f %10.2f%n", label, threads, result.opsPerSecond,
				result.histogram.getValueAtPercentile(50) / 1e3, result.histogram.getValueAtPercentile(99) / 1e3,
				result.histogram.getMaxValue() / 1e3);
	}

	/**
	 * One operation of a measured loop.
	 */
	@FunctionalInterface
	private interface Operation {

		void run(int thread);

	}

	private Result measure(int threads, Duration time, Operation operation) {
		Recorder recorder = new Recorder(3);
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicLong operations = new AtomicLong();
		CountDownLatch ready = new CountDownLatch(threads);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<?>> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int thread = t;
			workers.add(pool.submit(() -> {
				ready.countDown();
				while (running.get()) {
					long start = System.nanoTime();
					operation.run(thread);
					recorder.recordValue((System.nanoTime() - start) / 1_000);
					operations.incrementAndGet();
				}
				return null;
			}));
		}
		try {
			ready.await();
			long start = System.nanoTime();
			recorder.reset();
			operations.set(0);
			TimeUnit.NANOSECONDS.sleep(time.toNanos());
			long ops = operations.get();
			double elapsed = (System.nanoTime() - start) / 1e9;
			Histogram histogram = recorder.getIntervalHistogram();
			running.set(false);
			for (Future<?> worker : workers) {
				worker.get(60, TimeUnit.SECONDS);
			}
			return new Result(ops / elapsed, histogram);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Benchmark run failed", ex);
		}
		finally {
			running.set(false);
			pool.shutdownNow();
		}
	}

	// ---- through the sidecar's HTTP API

	private void http(Coordination embedded) {
		String jar = System.getProperty("bench.sidecar.jar", "sidecar-app/target/sidecar-app-0.1.0-SNAPSHOT.jar");
		if (!java.nio.file.Files.exists(java.nio.file.Path.of(jar))) {
			out.println("http: skipped, no sidecar jar at " + jar
					+ " (build it: ./mvnw -q -pl sidecar-app -am -DskipTests package)");
			return;
		}
		int httpPort = FreePorts.next();
		Process agent;
		try {
			agent = new ProcessBuilder(List.of(System.getProperty("java.home") + "/bin/java", "-Xmx512m",
					"-XX:+UseSerialGC", "-jar", jar, "--server.port=" + httpPort,
					"--coordination.sidecar.role=agent", "--coordination.node.id=bench-agent",
					"--coordination.node.host=127.0.0.1", "--coordination.node.port=" + FreePorts.next(),
					"--coordination.cluster.members=" + String.join(",", this.cluster.members()),
					"--coordination.session.timeout=" + this.sessionTimeout.toSeconds() + "s",
					"--logging.level.root=WARN"))
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		io.coordination.client.HttpCoordination client = null;
		try {
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
			while (client == null) {
				try {
					client = io.coordination.client.HttpCoordination.builder()
						.url("http://127.0.0.1:" + httpPort)
						.sessionTtl(this.sessionTimeout)
						.build();
				}
				catch (RuntimeException ex) {
					if (System.nanoTime() > deadline || !agent.isAlive()) {
						throw new IllegalStateException("The sidecar agent did not start", ex);
					}
					TimeUnit.MILLISECONDS.sleep(500);
				}
			}
			Coordination http = client;
			out.println("lock acquire + release through a sidecar agent (client member, separate JVM) over HTTP on "
					+ "loopback, beside the embedded client member of this JVM");
			header("path");
			measure(32, this.warmup.multipliedBy(2), (t) -> lockOnce(http, "bench-http-" + t));
			for (boolean contended : new boolean[] { false, true }) {
				for (int threads : this.threadCounts) {
					Operation viaHttp = (t) -> lockOnce(http, contended ? "bench-http-contended" : "bench-http-" + t);
					Operation direct = (t) -> lockOnce(embedded, contended ? "bench-contended" : "bench-" + t);
					String mode = contended ? "contended" : "uncontended";
					measure(threads, this.warmup, direct);
					row("embedded " + mode.charAt(0), threads, measure(threads, this.duration, direct));
					measure(threads, this.warmup, viaHttp);
					row("http " + mode.charAt(0), threads, measure(threads, this.duration, viaHttp));
				}
			}
			out.println("(u = uncontended: a lock per thread; c = contended: one lock)");
			out.println();
			// the HTTP path alone: a call the agent answers from memory (its cluster view), no Raft
			header("no-Raft call");
			Operation view = (t) -> http.cluster().localMemberId();
			measure(1, this.warmup, view);
			row("GET cluster", 1, measure(1, this.duration, view));
			out.println();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			if (client != null) {
				client.close();
			}
			agent.destroy();
			try {
				agent.waitFor(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			agent.destroyForcibly();
		}
	}

	// ---- propagation to watchers

	private void propagation() {
		List<CoordinationNode> members = new ArrayList<>();
		try {
			for (int i = 1; i <= 3; i++) {
				members.add(CoordinationNode.builder()
					.memberId("bench-watcher-" + i)
					.host("127.0.0.1")
					.port(FreePorts.next())
					.members(this.cluster.members())
					.sessionTimeout(this.sessionTimeout)
					.build()
					.start());
			}
			if (this.sections.contains("config")) {
				configPropagation(members);
			}
			if (this.sections.contains("discovery")) {
				registrationPropagation(members);
			}
		}
		finally {
			members.forEach(CoordinationNode::close);
		}
	}

	private void configPropagation(List<CoordinationNode> members) {
		ConfigStore config = this.client.coordination().config();
		config.apply(ConfigChange.of("bench", "default", ConfigFormat.PROPERTIES, "round=0", "bench", "start"));
		Histogram histogram = new Histogram(3);
		Map<Long, Long> appliedAt = new java.util.concurrent.ConcurrentHashMap<>();
		java.util.concurrent.Semaphore seen = new java.util.concurrent.Semaphore(0);
		List<AutoCloseable> watches = new ArrayList<>();
		for (CoordinationNode member : members) {
			watches.add(member.coordination().config().watch("bench", "default", member.memberId(), Map.of(), (effective) -> {
				Long start = appliedAt.get(effective.version());
				if (start != null) {
					synchronized (histogram) {
						histogram.recordValue((System.nanoTime() - start) / 1_000);
					}
					seen.release();
				}
			}));
		}
		pause(Duration.ofSeconds(1));
		for (int round = 1; round <= this.propagations; round++) {
			long version = config.document("bench", "default").orElseThrow().active().version() + 1;
			appliedAt.put(version, System.nanoTime());
			config.apply(ConfigChange.of("bench", "default", ConfigFormat.PROPERTIES, "round=" + round, "bench", "r"));
			acquire(seen, members.size());
		}
		watches.forEach(CoordinationBenchmark::closeQuietly);
		out.printf("config change -> watcher notification (%d changes, %d watching members): p50 %.2f ms, p99 %.2f ms,"
				+ " max %.2f ms%n%n", this.propagations, members.size(), histogram.getValueAtPercentile(50) / 1e3,
				histogram.getValueAtPercentile(99) / 1e3, histogram.getMaxValue() / 1e3);
	}

	private void registrationPropagation(List<CoordinationNode> members) {
		ServiceRegistry registry = this.client.coordination().discovery();
		Histogram histogram = new Histogram(3);
		Map<String, Long> registeredAt = new java.util.concurrent.ConcurrentHashMap<>();
		java.util.concurrent.Semaphore seen = new java.util.concurrent.Semaphore(0);
		List<AutoCloseable> watches = new ArrayList<>();
		for (CoordinationNode member : members) {
			java.util.Set<String> known = java.util.concurrent.ConcurrentHashMap.newKeySet();
			watches.add(member.coordination().discovery().watch("bench-service", (service, instances) -> {
				for (var instance : instances) {
					Long start = registeredAt.get(instance.instanceId());
					if (start != null && known.add(instance.instanceId())) {
						synchronized (histogram) {
							histogram.recordValue((System.nanoTime() - start) / 1_000);
						}
						seen.release();
					}
				}
			}));
		}
		pause(Duration.ofSeconds(1));
		for (int round = 1; round <= this.propagations; round++) {
			String id = "instance-" + round;
			registeredAt.put(id, System.nanoTime());
			registry.register(ServiceRegistration.of("bench-service", id, "127.0.0.1", 8000 + round % 1000));
			acquire(seen, members.size());
			registry.deregister("bench-service", id);
		}
		watches.forEach(CoordinationBenchmark::closeQuietly);
		out.printf("registration -> visible to watchers (%d registrations, %d watching members): p50 %.2f ms, p99 %.2f ms,"
				+ " max %.2f ms%n%n", this.propagations, members.size(), histogram.getValueAtPercentile(50) / 1e3,
				histogram.getValueAtPercentile(99) / 1e3, histogram.getMaxValue() / 1e3);
	}

	private static void acquire(java.util.concurrent.Semaphore semaphore, int permits) {
		try {
			if (!semaphore.tryAcquire(permits, 30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("A watcher did not see a change within 30 s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// the benchmark is ending
		}
	}

	private record Result(double opsPerSecond, Histogram histogram) {
	}

	// ---- failover

	private void failover() {
		out.println("leader failover: SIGKILL the Raft leader of the coordination partition while a client locks and");
		out.println("unlocks in a loop; time from the kill to the first successful grant requested after it");
		Coordination coordination = this.client.coordination();
		List<Double> times = new ArrayList<>();
		for (int round = 1; round <= this.failovers; round++) {
			int leader = leaderIndex();
			AtomicLong killedAt = new AtomicLong(Long.MAX_VALUE);
			AtomicLong firstGrantAfter = new AtomicLong();
			AtomicBoolean running = new AtomicBoolean(true);
			Thread loop = new Thread(() -> {
				while (running.get()) {
					long start = System.nanoTime();
					try (LockLease lease = coordination.lock("bench-failover").lock()) {
						if (start > killedAt.get() && firstGrantAfter.get() == 0) {
							firstGrantAfter.set(System.nanoTime());
						}
					}
					catch (RuntimeException ex) {
						// unavailable while the cluster elects a leader: try again
					}
				}
			}, "failover-loop");
			loop.start();
			pause(Duration.ofSeconds(2));
			killedAt.set(System.nanoTime());
			this.cluster.voter(leader).kill();
			while (firstGrantAfter.get() == 0 && System.nanoTime() - killedAt.get() < TimeUnit.SECONDS.toNanos(60)) {
				pause(Duration.ofMillis(10));
			}
			running.set(false);
			if (firstGrantAfter.get() == 0) {
				out.printf("  round %d: killed %s, NO grant within 60 s; the lock: %s%n", round,
						this.cluster.voter(leader).id(), coordination.lock("bench-failover").info());
				loop.interrupt();
				joinQuietly(loop);
				this.cluster.relaunchVoter(leader).expect("READY", Duration.ofSeconds(150));
				continue;
			}
			joinQuietly(loop);
			double seconds = (firstGrantAfter.get() - killedAt.get()) / 1e9;
			times.add(seconds);
			out.printf("  round %d: killed %s, next grant after %.2f s%n", round, this.cluster.voter(leader).id(),
					seconds);
			this.cluster.relaunchVoter(leader).expect("READY", Duration.ofSeconds(150));
			pause(Duration.ofSeconds(3));
		}
		times.sort(Double::compare);
		if (!times.isEmpty()) {
			out.printf("  median %.2f s, max %.2f s%n%n", times.get(times.size() / 2), times.get(times.size() - 1));
		}
	}

	private int leaderIndex() {
		for (RaftPartitionInfo partition : this.client.cluster().partitions()) {
			if (partition.group().equals("coordination") && partition.leader() != null) {
				for (int i = 0; i < this.cluster.size(); i++) {
					if (this.cluster.voter(i).id().equals(partition.leader())) {
						return i;
					}
				}
			}
		}
		return this.cluster.leaderIndex();
	}

	// ---- handover

	private void handover() {
		out.println("holder-crash handover: a client process holds a lock, this client waits for it, the holder is");
		out.printf("SIGKILLed; time from the kill to the waiter's grant (bounded below by the %d s session timeout)%n",
				this.sessionTimeout.toSeconds());
		NodeProcess holder = this.cluster.startClient("bench-holder");
		String granted = holder.call("lock bench-handover 0", Duration.ofSeconds(30), "GRANTED", "BUSY");
		if (!granted.startsWith("GRANTED")) {
			throw new IllegalStateException("Holder could not lock: " + granted);
		}
		Coordination coordination = this.client.coordination();
		Future<Long> waiter = Executors.newSingleThreadExecutor().submit(() -> {
			try (LockLease lease = coordination.lock("bench-handover").lock()) {
				return System.nanoTime();
			}
		});
		pause(Duration.ofSeconds(1));
		long killedAt = System.nanoTime();
		holder.kill();
		try {
			long grantedAt = waiter.get(120, TimeUnit.SECONDS);
			out.printf("  next grant after %.2f s%n%n", (grantedAt - killedAt) / 1e9);
		}
		catch (Exception ex) {
			throw new IllegalStateException("The waiter was not granted", ex);
		}
	}

	private static void pause(Duration duration) {
		try {
			TimeUnit.NANOSECONDS.sleep(duration.toNanos());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void joinQuietly(Thread thread) {
		try {
			thread.join(TimeUnit.SECONDS.toMillis(60));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
