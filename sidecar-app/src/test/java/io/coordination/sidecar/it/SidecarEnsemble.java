package io.coordination.sidecar.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.coordination.Coordination;
import io.coordination.client.HttpCoordination;
import io.coordination.testsupport.cluster.DataDirectories;
import io.coordination.testsupport.cluster.FreePorts;
import io.coordination.testsupport.contract.CoordinationClients;

/**
 * Three sidecar servers (a 3-voter ensemble) and one agent, as processes from the executable jar, shared by every
 * test class of this JVM that uses the extension and stopped when the run ends. Contract-test clients are HTTP
 * clients: of the agent, and of two servers.
 */
public final class SidecarEnsemble implements BeforeAllCallback, CoordinationClients {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SidecarEnsemble.class);

	/** Session TTL of the test clients. */
	public static final Duration SESSION_TTL = Duration.ofSeconds(6);

	private static volatile Ensemble ensemble;

	@Override
	public void beforeAll(ExtensionContext context) {
		context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("ensemble", (key) -> {
			ensemble = Ensemble.start();
			return (AutoCloseable) ensemble::close;
		});
	}

	/**
	 * The running ensemble.
	 * @return the ensemble
	 */
	public static Ensemble ensemble() {
		return ensemble;
	}

	@Override
	public Coordination client(int index) {
		return ensemble.clients.get(index);
	}

	@Override
	public Coordination open() {
		return client(ensemble.agent.url());
	}

	/**
	 * A new HTTP client of a sidecar.
	 * @param url the sidecar's URL
	 * @return the client
	 */
	public static HttpCoordination client(String url) {
		return HttpCoordination.builder().url(url).sessionTtl(SESSION_TTL).timeout(Duration.ofSeconds(20)).build();
	}

	/**
	 * The processes.
	 */
	public static final class Ensemble {

		final List<SidecarProcess> servers = new ArrayList<>();

		SidecarProcess agent;

		private int agentPort;

		private List<String> agentArguments;

		final List<Path> dataDirectories = new ArrayList<>();

		final List<Coordination> clients = new ArrayList<>();

		static Ensemble start() {
			Ensemble ensemble = new Ensemble();
			try {
				ensemble.launch();
				return ensemble;
			}
			catch (RuntimeException ex) {
				ensemble.close();
				throw ex;
			}
		}

		private void launch() {
			Path logs = Path.of("target", "sidecar-it");
			List<Integer> nodePorts = List.of(FreePorts.next(), FreePorts.next(), FreePorts.next());
			String members = java.util.stream.IntStream.range(0, 3)
				.mapToObj((i) -> "server-" + i + "@127.0.0.1:" + nodePorts.get(i))
				.collect(Collectors.joining(","));
			for (int i = 0; i < 3; i++) {
				Path data = DataDirectories.create("sidecar-it-server-" + i + "-");
				this.dataDirectories.add(data);
				this.servers.add(SidecarProcess.start("server-" + i, FreePorts.next(), logs,
						List.of("--coordination.sidecar.role=server", "--coordination.node.id=server-" + i,
								"--coordination.node.host=127.0.0.1", "--coordination.node.port=" + nodePorts.get(i),
								"--coordination.node.data-dir=" + data, "--coordination.cluster.members=" + members,
								"--coordination.session.timeout=5s")));
			}
			this.agentPort = FreePorts.next();
			this.agentArguments = List.of("--coordination.sidecar.role=agent", "--coordination.node.id=agent",
					"--coordination.node.host=127.0.0.1", "--coordination.node.port=" + FreePorts.next(),
					"--coordination.cluster.members=" + members, "--coordination.session.timeout=5s",
					// checks of a few hundred milliseconds keep the fault tests short
					"--coordination.sidecar.limits.min-check-interval=100ms");
			this.agent = SidecarProcess.start("agent", this.agentPort, logs, this.agentArguments);
			List<CompletableFuture<Void>> ready = new ArrayList<>();
			for (SidecarProcess process : all()) {
				ready.add(CompletableFuture.runAsync(() -> process.awaitReady(Duration.ofMinutes(3))));
			}
			CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
			this.clients.add(client(this.agent.url()));
			this.clients.add(client(this.servers.get(1).url()));
			this.clients.add(client(this.servers.get(2).url()));
		}

		List<SidecarProcess> all() {
			List<SidecarProcess> all = new ArrayList<>(this.servers);
			if (this.agent != null) {
				all.add(this.agent);
			}
			return all;
		}

		public SidecarProcess agent() {
			return this.agent;
		}

		/**
		 * Kills the agent (SIGKILL: its application sessions and their cluster sessions are not ended) and starts it
		 * again on the same port, as a restarted container would be.
		 * @return the new agent, ready
		 */
		public synchronized SidecarProcess restartAgent() {
			this.agent.kill();
			this.agent = SidecarProcess.start("agent", this.agentPort, Path.of("target", "sidecar-it"),
					this.agentArguments);
			this.agent.awaitReady(Duration.ofMinutes(2));
			return this.agent;
		}

		public List<SidecarProcess> servers() {
			return this.servers;
		}

		void close() {
			for (Coordination client : this.clients) {
				try {
					client.close();
				}
				catch (RuntimeException ex) {
					// the ensemble goes anyway
				}
			}
			all().parallelStream().forEach(SidecarProcess::close);
			this.dataDirectories.forEach(DataDirectories::delete);
		}

	}

}
