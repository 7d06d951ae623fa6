package io.coordination.sidecar.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.coordination.testsupport.TestTimeouts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sidecar-mode application does not need Atomix: with coordination-core, Atomix, Kryo and Netty left out of its
 * class path (as a Maven exclusion leaves them out), the starter runs it through coordination-client alone. And one
 * that asks for an embedded node without coordination-core is told what is missing.
 */
class SidecarModeWithoutCoreIT {

	@RegisterExtension
	static final SidecarEnsemble ensemble = new SidecarEnsemble();

	@Test
	void aSidecarModeApplicationRunsWithoutCoordinationCoreAndAtomix() throws Exception {
		Result result = probe(SidecarEnsemble.ensemble().agent().url(), "without-core");
		assertThat(result.exit()).as(result.output()).isZero();
		assertThat(result.output()).contains("atomix=false core=false").containsPattern("PROBE token=[1-9]");
	}

	@Test
	void anEmbeddedApplicationWithoutCoordinationCoreIsToldWhatIsMissing() throws Exception {
		Result result = probe("embedded", "embedded-without-core");
		assertThat(result.exit()).isNotZero();
		assertThat(result.output()).contains("APPLICATION FAILED TO START")
			.contains("coordination-core, which runs the node, is not on the class path")
			.contains("Set coordination.mode=sidecar")
			.doesNotContain("\tat ");
	}

	private static Result probe(String sidecarUrl, String name) throws Exception {
		return run(List.of("-cp", classPathWithoutCore(), SidecarModeProbe.class.getName(), sidecarUrl), name);
	}

	private static Result run(List<String> arguments, String name) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx256m");
		command.addAll(arguments);
		Path log = Files.createDirectories(Path.of("target", "sidecar-it")).resolve(name + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		if (!process.waitFor(TestTimeouts.scaled(Duration.ofSeconds(120)).toSeconds(), TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("The probe did not finish; see " + log);
		}
		return new Result(process.exitValue(), Files.readString(log));
	}

	/**
	 * This test's class path without coordination-core and what only it brings (Atomix, Kryo, Netty), and without the
	 * sidecar's own jar.
	 */
	private static String classPathWithoutCore() {
		String full = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<String> kept = Arrays.stream(full.split(File.pathSeparator))
			.filter((entry) -> !entry.contains("coordination-core") && !entry.contains(File.separator + "atomix")
					&& !entry.contains("kryo") && !entry.contains(File.separator + "netty")
					&& !entry.contains("sidecar-app" + File.separator + "target" + File.separator + "sidecar-app")
					&& !entry.endsWith("sidecar-app" + File.separator + "target" + File.separator + "classes"))
			.toList();
		assertThat(kept).noneMatch((entry) -> entry.contains("atomix-"));
		return String.join(File.pathSeparator, kept);
	}

	private record Result(int exit, String output) {
	}

}
