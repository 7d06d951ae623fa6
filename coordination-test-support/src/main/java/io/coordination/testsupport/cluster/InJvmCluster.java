package io.coordination.testsupport.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

import io.coordination.core.CoordinationNode;
import io.coordination.testsupport.TestTimeouts;

/**
 * N Raft voters in this JVM, on free ports of 127.0.0.1, with data in a temporary directory deleted on close. Start
 * it once per test class (or once per JVM): a 3-voter cluster takes several seconds to form.
 */
public final class InJvmCluster implements AutoCloseable {

	private final List<String> members = new ArrayList<>();

	private final List<CoordinationNode.Builder> builders = new ArrayList<>();

	private final List<CoordinationNode> nodes = new ArrayList<>();

	private final Path dataDirectory;

	/**
	 * Configures a cluster.
	 * @param voters number of voters
	 * @param customizer applied to every node's builder (timeouts, policies)
	 */
	public InJvmCluster(int voters, UnaryOperator<CoordinationNode.Builder> customizer) {
		this.dataDirectory = DataDirectories.create("coordination-cluster-");
		List<Integer> ports = new ArrayList<>();
		for (int i = 0; i < voters; i++) {
			ports.add(FreePorts.next());
			this.members.add("node-" + (i + 1) + "@127.0.0.1:" + ports.get(i));
		}
		for (int i = 0; i < voters; i++) {
			this.builders.add(customizer.apply(CoordinationNode.builder()
				.memberId("node-" + (i + 1))
				.host("127.0.0.1")
				.port(ports.get(i))
				.members(this.members)
				.dataDirectory(this.dataDirectory.resolve("node-" + (i + 1)))
				.startTimeout(TestTimeouts.seconds(90))));
		}
	}

	/**
	 * Starts every voter, in parallel, and waits until all have joined.
	 * @return this cluster
	 */
	public InJvmCluster start() {
		List<CompletableFuture<CoordinationNode>> starting = new ArrayList<>();
		for (CoordinationNode.Builder builder : this.builders) {
			CoordinationNode node = builder.build();
			this.nodes.add(node);
			starting.add(CompletableFuture.supplyAsync(node::start));
		}
		try {
			CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
		return this;
	}

	/**
	 * A voter.
	 * @param index 0-based
	 * @return the node
	 */
	public CoordinationNode node(int index) {
		return this.nodes.get(index);
	}

	/**
	 * All voters.
	 * @return the nodes
	 */
	public List<CoordinationNode> nodes() {
		return List.copyOf(this.nodes);
	}

	/**
	 * The member list, as {@code id@host:port}.
	 * @return the members
	 */
	public List<String> members() {
		return List.copyOf(this.members);
	}

	/**
	 * Starts a client member of this cluster in this JVM.
	 * @param customizer applied to its builder
	 * @return the started client member
	 */
	public CoordinationNode startClientMember(UnaryOperator<CoordinationNode.Builder> customizer) {
		return customizer.apply(CoordinationNode.builder()
			.host("127.0.0.1")
			.port(FreePorts.next())
			.members(this.members)
			.startTimeout(TestTimeouts.seconds(60))).build().start();
	}

	@Override
	public void close() {
		List<CompletableFuture<Void>> stopping = new ArrayList<>();
		for (CoordinationNode node : this.nodes) {
			stopping.add(CompletableFuture.runAsync(node::close));
		}
		CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new)).exceptionally((ex) -> null).join();
		DataDirectories.delete(this.dataDirectory);
	}

}
