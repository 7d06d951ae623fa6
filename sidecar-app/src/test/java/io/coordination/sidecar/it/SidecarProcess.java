package io.coordination.sidecar.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

/**
 * A sidecar started from its executable jar as a separate process on 127.0.0.1.
 */
public final class SidecarProcess implements AutoCloseable {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String id;

	private final int httpPort;

	private final Process process;

	private final Path log;

	private final SSLContext tls;

	private SidecarProcess(String id, int httpPort, Process process, Path log, SSLContext tls) {
		this.id = id;
		this.httpPort = httpPort;
		this.process = process;
		this.log = log;
		this.tls = tls;
	}

	/**
	 * Starts a sidecar.
	 * @param id its member id
	 * @param httpPort its HTTP port
	 * @param logDirectory where its output goes
	 * @param arguments Spring Boot arguments ({@code --name=value})
	 * @return the process, starting
	 */
	public static SidecarProcess start(String id, int httpPort, Path logDirectory, List<String> arguments) {
		return start(id, httpPort, logDirectory, arguments, null);
	}

	/**
	 * Starts a sidecar whose API is served over TLS.
	 * @param id its member id
	 * @param httpPort its HTTPS port
	 * @param logDirectory where its output goes
	 * @param arguments Spring Boot arguments, the SSL bundle among them
	 * @param tls a TLS context trusting its certificate, or {@code null} for plain HTTP
	 * @return the process, starting
	 */
	public static SidecarProcess start(String id, int httpPort, Path logDirectory, List<String> arguments,
			SSLContext tls) {
		return start(id, httpPort, logDirectory, arguments, tls, List.of("-jar", jar()));
	}

	/**
	 * Starts a sidecar from its jar on the class path ({@code java -cp sidecar.jar JarLauncher}): the JVM then
	 * ignores the jar manifest's {@code Add-Opens}, as for an application that does not declare them.
	 * @param id its member id
	 * @param httpPort its HTTP port
	 * @param logDirectory where its output goes
	 * @param arguments Spring Boot arguments
	 * @return the process, starting
	 */
	public static SidecarProcess startWithoutManifestFlags(String id, int httpPort, Path logDirectory,
			List<String> arguments) {
		return start(id, httpPort, logDirectory, arguments, null,
				List.of("-cp", jar(), "org.springframework.boot.loader.launch.JarLauncher"));
	}

	private static String jar() {
		String jar = System.getProperty("sidecar.jar");
		if (jar == null || !Files.exists(Path.of(jar))) {
			throw new IllegalStateException("The sidecar jar is not built (sidecar.jar=" + jar + "): run mvn verify");
		}
		return jar;
	}

	private static SidecarProcess start(String id, int httpPort, Path logDirectory, List<String> arguments,
			SSLContext tls, List<String> launch) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx256m");
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-XX:+ExitOnOutOfMemoryError");
		command.addAll(launch);
		command.add("--server.port=" + httpPort);
		if (arguments.stream().noneMatch((argument) -> argument.startsWith("--server.address="))) {
			command.add("--server.address=127.0.0.1");
		}
		command.add("--spring.main.banner-mode=off");
		command.addAll(arguments);
		try {
			Files.createDirectories(logDirectory);
			Path log = logDirectory.resolve(id + ".log");
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
			return new SidecarProcess(id, httpPort, process, log, tls);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String id() {
		return this.id;
	}

	/**
	 * The sidecar's base URL.
	 * @return the URL
	 */
	public String url() {
		return ((this.tls != null) ? "https" : "http") + "://127.0.0.1:" + this.httpPort;
	}

	/**
	 * What the process has written so far (its log file gathers every run of the same id).
	 * @return the output
	 */
	public String output() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public long pid() {
		return this.process.pid();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Waits until the sidecar answers its readiness probe.
	 * @param timeout the longest wait
	 */
	public void awaitReady(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("Sidecar " + this.id + " exited; see " + this.log);
			}
			try {
				HttpClient client = (this.tls != null)
						? HttpClient.newBuilder().sslContext(this.tls).connectTimeout(Duration.ofSeconds(2)).build()
						: http;
				HttpResponse<String> response = client.send(
						HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
							.timeout(Duration.ofSeconds(2))
							.build(),
						HttpResponse.BodyHandlers.ofString());
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
			sleep(200);
		}
		throw new IllegalStateException("Sidecar " + this.id + " not ready within " + timeout + "; see " + this.log);
	}

	/**
	 * SIGKILL.
	 */
	public void kill() {
		this.process.destroyForcibly();
		waitFor();
	}

	/**
	 * SIGSTOP.
	 */
	public void pause() {
		signal("STOP");
	}

	/**
	 * SIGCONT.
	 */
	public void resume() {
		signal("CONT");
	}

	private void signal(String signal) {
		try {
			new ProcessBuilder("kill", "-" + signal, String.valueOf(pid())).inheritIO().start().waitFor();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * SIGTERM (graceful shutdown), then SIGKILL if it takes longer than 30 s.
	 */
	@Override
	public void close() {
		if (!this.process.isAlive()) {
			return;
		}
		resume();
		this.process.destroy();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				kill();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			kill();
		}
	}

	/**
	 * Waits for the process to exit on its own.
	 * @param limit the longest wait
	 * @return its exit code, or {@code null} if it still runs after the limit
	 */
	public Integer awaitExit(Duration limit) {
		try {
			return this.process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS) ? this.process.exitValue() : null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/**
	 * SIGTERM, and how long the process took to exit.
	 * @param limit the longest wait
	 * @return the time it took, or {@code null} if it did not exit within the limit (then it is killed)
	 */
	public Duration terminate(Duration limit) {
		long started = System.nanoTime();
		this.process.destroy();
		try {
			if (this.process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
				return Duration.ofNanos(System.nanoTime() - started);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		kill();
		return null;
	}

	private void waitFor() {
		try {
			this.process.waitFor(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
