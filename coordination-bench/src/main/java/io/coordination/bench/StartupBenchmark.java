package io.coordination.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.coordination.testsupport.cluster.DataDirectories;
import io.coordination.testsupport.cluster.FreePorts;

/**
 * Start-up time and memory of each way to run Coordination, as processes of their own: the sidecar as a single
 * server and as three voters forming one cluster, and a Spring Boot application with the starter, with an embedded
 * node and in sidecar mode (with and without coordination-core on its class path). Time is from process launch to
 * ready (the sidecar's readiness probe answering 200; the application's context refreshed and a lock taken and
 * released); memory is the process's resident set right then (Linux {@code VmRSS}). Each is run {@code --runs} times
 * (default 3); the median is printed with the range.
 * <p>
 * {@code ./mvnw -q -pl coordination-bench -am -DskipTests package exec:exec@startup}
 */
public final class StartupBenchmark {

	private static final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

	private static final List<String> JVM = List.of("-Xmx512m", "-XX:+UseSerialGC");

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final int runs;

	private final String jar;

	private StartupBenchmark(Map<String, String> options) {
		this.runs = Integer.parseInt(options.getOrDefault("runs", "3"));
		this.jar = System.getProperty("bench.sidecar.jar", "sidecar-app/target/sidecar-app-0.1.0-SNAPSHOT.jar");
	}

	/**
	 * Runs the measurements.
	 * @param args {@code --runs N}
	 */
	public static void main(String[] args) {
		new StartupBenchmark(CoordinationBenchmark.options(args)).run();
		System.exit(0);
	}

	private void run() {
		if (!Files.exists(Path.of(this.jar))) {
			throw new IllegalStateException("No sidecar jar at " + this.jar
					+ " (build it: ./mvnw -q -pl sidecar-app -am -DskipTests package)");
		}
		out.printf("Start-up benchmark, %s, %d cores, %s %s, each process %s, median of %d runs [min-max]%n%n",
				LocalDate.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
				System.getProperty("java.version"), String.join(" ", JVM), this.runs);
		out.printf("%-58s %18s %18s%n", "process", "ready (s)", "RSS (MB)");
		report("sidecar, single server (HTTP API + embedded node)", this::singleServer);
		report("sidecar, 3 servers forming one cluster (each)", this::threeServers);
		report("Spring Boot app with the starter, embedded node", () -> application(null, true));
		Process server = null;
		Path data = DataDirectories.create("startup-bench-");
		try {
			int httpPort = FreePorts.next();
			server = sidecar("server", httpPort, data, List.of());
			awaitReady(server, httpPort);
			String url = "http://127.0.0.1:" + httpPort;
			report("Spring Boot app with the starter, sidecar mode", () -> application(url, true));
			report("  the same without coordination-core (Atomix, Netty, Kryo)", () -> application(url, false));
		}
		finally {
			stop(server);
			DataDirectories.delete(data);
		}
	}

	/** One measurement: seconds to ready, resident megabytes. */
	private record Sample(double seconds, double megabytes) {
	}

	private interface Measurement {

		Sample measure() throws Exception;

	}

	private void report(String label, Measurement measurement) {
		List<Sample> samples = new ArrayList<>();
		for (int i = 0; i < this.runs; i++) {
			try {
				samples.add(measurement.measure());
			}
			catch (Exception ex) {
				out.printf("%-58s failed: %s%n", label, ex.getMessage());
				return;
			}
		}
		out.printf("%-58s %18s %18s%n", label, summary(samples.stream().mapToDouble(Sample::seconds).toArray(), 1),
				summary(samples.stream().mapToDouble(Sample::megabytes).toArray(), 0));
	}

	private static String summary(double[] values, int decimals) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		String format = "%." + decimals + "f";
		return String.format(format + " [" + format + "-" + format + "]", sorted[sorted.length / 2], sorted[0],
				sorted[sorted.length - 1]);
	}

	private Sample singleServer() throws Exception {
		Path data = DataDirectories.create("startup-bench-");
		int httpPort = FreePorts.next();
		long launched = System.nanoTime();
		Process process = sidecar("single", httpPort, data, List.of());
		try {
			awaitReady(process, httpPort);
			return new Sample((System.nanoTime() - launched) / 1e9, residentMegabytes(process));
		}
		finally {
			stop(process);
			DataDirectories.delete(data);
		}
	}

	private Sample threeServers() throws Exception {
		List<Integer> messaging = List.of(FreePorts.next(), FreePorts.next(), FreePorts.next());
		String members = "v1@127.0.0.1:" + messaging.get(0) + ",v2@127.0.0.1:" + messaging.get(1) + ",v3@127.0.0.1:"
				+ messaging.get(2);
		List<Process> processes = new ArrayList<>();
		List<Path> data = new ArrayList<>();
		List<Integer> httpPorts = new ArrayList<>();
		long launched = System.nanoTime();
		try {
			for (int i = 0; i < 3; i++) {
				data.add(DataDirectories.create("startup-bench-"));
				httpPorts.add(FreePorts.next());
				processes.add(sidecar("v" + (i + 1), httpPorts.get(i), data.get(i),
						List.of("--coordination.node.port=" + messaging.get(i),
								"--coordination.cluster.members=" + members)));
			}
			List<CompletableFuture<Void>> ready = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				int index = i;
				ready.add(CompletableFuture.runAsync(() -> awaitReady(processes.get(index), httpPorts.get(index))));
			}
			CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
			double seconds = (System.nanoTime() - launched) / 1e9;
			double megabytes = 0;
			for (Process process : processes) {
				megabytes += residentMegabytes(process);
			}
			return new Sample(seconds, megabytes / processes.size());
		}
		finally {
			processes.forEach(StartupBenchmark::stop);
			data.forEach(DataDirectories::delete);
		}
	}

	private Process sidecar(String id, int httpPort, Path data, List<String> arguments) {
		List<String> command = new ArrayList<>(java());
		command.addAll(List.of("-jar", this.jar, "--server.port=" + httpPort, "--coordination.node.id=" + id,
				"--coordination.node.data-dir=" + data, "--logging.level.root=WARN"));
		if (arguments.stream().noneMatch((argument) -> argument.startsWith("--coordination.node.port="))) {
			command.add("--coordination.node.port=" + FreePorts.next());
		}
		command.addAll(arguments);
		return launch(command);
	}

	/**
	 * A Spring Boot application ({@link StartupProbe}) with the starter, launched with this JVM's class path.
	 * @param sidecarUrl the sidecar in sidecar mode, or {@code null} for an embedded node
	 * @param withCore whether coordination-core and what only it brings stay on the class path
	 */
	private Sample application(String sidecarUrl, boolean withCore) throws Exception {
		Path data = DataDirectories.create("startup-bench-");
		List<String> command = new ArrayList<>(java());
		command.addAll(List.of("--add-opens", "java.base/java.util.concurrent.atomic=ALL-UNNAMED", "--add-opens",
				"java.base/java.util=ALL-UNNAMED", "-cp", withCore ? System.getProperty("java.class.path")
						: withoutCore(System.getProperty("java.class.path")),
				StartupProbe.class.getName()));
		if (sidecarUrl != null) {
			command.addAll(List.of("--coordination.mode=sidecar", "--coordination.sidecar.url=" + sidecarUrl));
		}
		else {
			command.addAll(List.of("--coordination.node.port=" + FreePorts.next(),
					"--coordination.node.data-dir=" + data));
		}
		long launched = System.nanoTime();
		Process process = launch(command);
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				if (line.startsWith(StartupProbe.READY)) {
					return new Sample((System.nanoTime() - launched) / 1e9, residentMegabytes(process));
				}
			}
			throw new IllegalStateException("the application exited with " + process.waitFor());
		}
		finally {
			stop(process);
			DataDirectories.delete(data);
		}
	}

	/** The class path without coordination-core and the jars only it brings. */
	static String withoutCore(String classPath) {
		return String.join(File.pathSeparator, Arrays.stream(classPath.split(File.pathSeparator))
			.filter((entry) -> !entry.contains("coordination-core") && !entry.contains(File.separator + "atomix")
					&& !entry.contains("kryo") && !entry.contains(File.separator + "netty"))
			.toList());
	}

	private static List<String> java() {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(JVM);
		return command;
	}

	private static Process launch(List<String> command) {
		try {
			return new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void awaitReady(Process process, int httpPort) {
		// the output is drained so that a chatty process never blocks on a full pipe
		CompletableFuture.runAsync(() -> {
			try {
				process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
			}
			catch (IOException ex) {
				// the process ended
			}
		});
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("the sidecar exited with " + process.exitValue());
			}
			try {
				HttpResponse<Void> response = http.send(HttpRequest
					.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health/readiness"))
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw new IllegalStateException("the sidecar was not ready within 3 minutes");
	}

	private static double residentMegabytes(Process process) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
			}
		}
		throw new IllegalStateException("no VmRSS for process " + process.pid());
	}

	private static void stop(Process process) {
		if (process == null) {
			return;
		}
		process.destroy();
		try {
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
