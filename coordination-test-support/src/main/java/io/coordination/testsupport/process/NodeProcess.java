package io.coordination.testsupport.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A {@link NodeProcessMain} running as a separate JVM: send it commands, wait for its answers, and inflict faults on
 * it (SIGKILL, SIGSTOP, SIGCONT).
 */
public final class NodeProcess implements AutoCloseable {

	private final String id;

	private final Process process;

	private final Writer stdin;

	private final List<String> lines = new ArrayList<>();

	private final Path log;

	private int cursor;

	private NodeProcess(String id, Process process, Path log) {
		this.id = id;
		this.process = process;
		this.log = log;
		this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
		Thread reader = new Thread(this::readOutput, "stdout-" + id);
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Launches a node process and returns without waiting for it to be ready.
	 * @param spec what to launch
	 * @return the process
	 */
	public static NodeProcess launch(Spec spec) {
		try {
			Files.createDirectories(spec.logDirectory());
			Path log = spec.logDirectory().resolve(spec.id() + ".log");
			Path logConfig = spec.logDirectory().resolve("logback-" + spec.id() + ".xml");
			Files.writeString(logConfig, """
					<configuration>
					  <appender name="file" class="ch.qos.logback.core.FileAppender">
					    <file>%s</file>
					    <encoder><pattern>%%d{HH:mm:ss.SSS} [%%thread] %%-5level %%logger{0} - %%msg%%n</pattern></encoder>
					  </appender>
					  <logger name="io.coordination" level="INFO"/>
					  <root level="WARN"><appender-ref ref="file"/></root>
					</configuration>
					""".formatted(log.toAbsolutePath()));
			List<String> command = new ArrayList<>();
			command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
			command.add("--add-opens");
			command.add("java.base/java.util.concurrent.atomic=ALL-UNNAMED");
			command.add("--add-opens");
			command.add("java.base/java.util=ALL-UNNAMED");
			command.add("-Dlogback.configurationFile=" + logConfig.toAbsolutePath());
			String data = (spec.dataDirectory() != null) ? spec.dataDirectory().toAbsolutePath().toString() : "";
			for (String argument : spec.jvmArguments()) {
				command.add(argument.replace("{id}", spec.id()).replace("{data}", data));
			}
			command.add("-cp");
			command.add(System.getProperty("java.class.path"));
			command.add(NodeProcessMain.class.getName());
			command.add("--id");
			command.add(spec.id());
			command.add("--port");
			command.add(String.valueOf(spec.port()));
			command.add("--members");
			command.add(String.join(",", spec.members()));
			command.add("--session-timeout");
			command.add(String.valueOf(spec.sessionTimeout().toMillis()));
			if (spec.dataDirectory() != null) {
				command.add("--data");
				command.add(spec.dataDirectory().toAbsolutePath().toString());
			}
			Process process = new ProcessBuilder(command)
				.redirectError(ProcessBuilder.Redirect.appendTo(spec.logDirectory().resolve(spec.id() + ".err").toFile()))
				.start();
			return new NodeProcess(spec.id(), process, log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot launch node process " + spec.id(), ex);
		}
	}

	private void readOutput() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				synchronized (this) {
					this.lines.add(line);
					notifyAll();
				}
			}
		}
		catch (IOException ex) {
			// the process died
		}
	}

	/**
	 * Id of the node.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Operating-system process id.
	 * @return the pid
	 */
	public long pid() {
		return this.process.pid();
	}

	/**
	 * Whether the process runs.
	 * @return whether it is alive
	 */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Waits for the process to exit.
	 * @param timeout longest wait
	 * @return its exit code
	 * @throws AssertionError if it still runs after the timeout
	 */
	public int awaitExit(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new AssertionError("Node " + this.id + " still runs after " + timeout.toSeconds() + " s");
			}
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted", ex);
		}
	}

	/**
	 * What the process wrote to its log file and its error output so far.
	 * @return the text
	 */
	public String logText() {
		StringBuilder text = new StringBuilder();
		for (Path file : List.of(this.log, this.log.resolveSibling(this.id + ".err"))) {
			try {
				if (Files.exists(file)) {
					text.append(Files.readString(file));
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return text.toString();
	}

	/**
	 * Sends a command.
	 * @param command the command line
	 */
	public void send(String command) {
		try {
			this.stdin.write(command + "\n");
			this.stdin.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Node " + this.id + " does not accept commands", ex);
		}
	}

	/**
	 * Waits for the next line (after the last one awaited) that matches, and moves past it.
	 * @param match what to wait for
	 * @param timeout longest wait
	 * @return the line
	 * @throws AssertionError if none arrived in time
	 */
	public synchronized String expect(Predicate<String> match, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			for (int i = this.cursor; i < this.lines.size(); i++) {
				if (match.test(this.lines.get(i))) {
					this.cursor = i + 1;
					return this.lines.get(i);
				}
			}
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				throw new AssertionError("Node " + this.id + " did not answer in " + timeout.toMillis()
						+ " ms; its output since the last answer: " + this.lines.subList(this.cursor, this.lines.size())
						+ "; see " + this.log);
			}
			try {
				TimeUnit.NANOSECONDS.timedWait(this, remaining);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("Interrupted", ex);
			}
		}
	}

	/**
	 * Waits for the next line starting with a word.
	 * @param prefix the first word(s)
	 * @param timeout longest wait
	 * @return the line
	 */
	public String expect(String prefix, Duration timeout) {
		return expect((line) -> line.startsWith(prefix), timeout);
	}

	/**
	 * Sends a command and waits for the answer starting with one of the given words (or an error).
	 * @param command the command
	 * @param timeout longest wait
	 * @param answers accepted first words
	 * @return the answer
	 */
	public String call(String command, Duration timeout, String... answers) {
		send(command);
		return expect((line) -> line.startsWith("ERROR") || List.of(answers).contains(line.split(" ")[0]), timeout);
	}

	/**
	 * Every line printed so far.
	 * @return the lines
	 */
	public synchronized List<String> output() {
		return List.copyOf(this.lines);
	}

	/**
	 * Sends SIGKILL without waiting for the process to die.
	 */
	public void destroyForcibly() {
		this.process.destroyForcibly();
	}

	/**
	 * SIGKILL: the process dies at once, without closing anything.
	 */
	public void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * SIGSTOP: the process is frozen, as in a long GC pause.
	 */
	public void pause() {
		signal("STOP");
	}

	/**
	 * SIGCONT: a frozen process runs again.
	 */
	public void resume() {
		signal("CONT");
	}

	private void signal(String signal) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid())).inheritIO().start();
			if (kill.waitFor() != 0) {
				throw new IllegalStateException("kill -" + signal + " " + pid() + " failed");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Asks the process to exit, and kills it if it does not within 20 s.
	 */
	@Override
	public void close() {
		if (!this.process.isAlive()) {
			return;
		}
		resume();
		try {
			send("exit");
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				kill();
			}
		}
		catch (RuntimeException ex) {
			kill();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			kill();
		}
	}

	/**
	 * What to launch.
	 *
	 * @param id member id
	 * @param port messaging port
	 * @param members the voters, {@code id@host:port}
	 * @param dataDirectory data directory of a voter, or {@code null}
	 * @param sessionTimeout session timeout
	 * @param logDirectory where its log, error output and log configuration go
	 * @param jvmArguments extra JVM arguments (heap, JIT); {@code {id}} is replaced by the id, {@code {data}} by the
	 * data directory
	 */
	public record Spec(String id, int port, List<String> members, Path dataDirectory, Duration sessionTimeout,
			Path logDirectory, List<String> jvmArguments) {
	}

}
