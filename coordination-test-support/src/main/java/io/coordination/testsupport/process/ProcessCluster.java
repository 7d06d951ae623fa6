package io.coordination.testsupport.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.coordination.testsupport.TestTimeouts;
import io.coordination.testsupport.cluster.DataDirectories;
import io.coordination.testsupport.cluster.FreePorts;

/**
 * A cluster of voters, each a separate JVM on 127.0.0.1, plus client-member processes. Voters keep their ports and
 * data directories across restarts. Everything is killed and deleted on close.
 */
public final class ProcessCluster implements AutoCloseable {

	private final Path directory;

	private final Duration sessionTimeout;

	private final List<String> jvmArguments;

	private final List<NodeProcess.Spec> voterSpecs = new ArrayList<>();

	private final List<NodeProcess> voters = new ArrayList<>();

	private final List<NodeProcess> clients = new ArrayList<>();

	/**
	 * Configures a cluster.
	 * @param voterCount number of voters
	 * @param sessionTimeout session timeout of every node
	 * @param jvmArguments extra JVM arguments of every process
	 */
	public ProcessCluster(int voterCount, Duration sessionTimeout, List<String> jvmArguments) {
		this.directory = DataDirectories.create("coordination-processes-");
		this.sessionTimeout = sessionTimeout;
		this.jvmArguments = List.copyOf(jvmArguments);
		List<String> members = new ArrayList<>();
		List<Integer> ports = new ArrayList<>();
		for (int i = 1; i <= voterCount; i++) {
			ports.add(FreePorts.next());
			members.add("voter-" + i + "@127.0.0.1:" + ports.get(i - 1));
		}
		for (int i = 1; i <= voterCount; i++) {
			this.voterSpecs.add(new NodeProcess.Spec("voter-" + i, ports.get(i - 1), members,
					this.directory.resolve("voter-" + i), sessionTimeout, this.directory.resolve("logs"),
					this.jvmArguments));
		}
	}

	/**
	 * Launches every voter and waits until all are ready.
	 * @return this cluster
	 */
	public ProcessCluster start() {
		for (int i = 0; i < this.voterSpecs.size(); i++) {
			this.voters.add(NodeProcess.launch(this.voterSpecs.get(i)));
		}
		for (NodeProcess voter : this.voters) {
			voter.expect("READY", TestTimeouts.seconds(150));
		}
		return this;
	}

	/**
	 * A voter process.
	 * @param index 0-based
	 * @return the process
	 */
	public NodeProcess voter(int index) {
		return this.voters.get(index);
	}

	/**
	 * The voters, as {@code id@host:port}.
	 * @return the member list
	 */
	public List<String> members() {
		return this.voterSpecs.get(0).members();
	}

	/**
	 * Number of voters.
	 * @return the count
	 */
	public int size() {
		return this.voters.size();
	}

	/**
	 * Relaunches a voter (after it was killed) on its port and data directory; returns without waiting.
	 * @param index 0-based
	 * @return the new process
	 */
	public NodeProcess relaunchVoter(int index) {
		NodeProcess old = this.voters.get(index);
		if (old.isAlive()) {
			old.kill();
		}
		NodeProcess process = NodeProcess.launch(this.voterSpecs.get(index));
		this.voters.set(index, process);
		return process;
	}

	/**
	 * SIGKILLs every voter at once (as a power cut does), without waiting for one to die before killing the next.
	 */
	public void killVoters() {
		for (NodeProcess voter : this.voters) {
			voter.destroyForcibly();
		}
		for (NodeProcess voter : this.voters) {
			voter.kill();
		}
	}

	/**
	 * Where a voter keeps its data.
	 * @param index 0-based
	 * @return the data directory
	 */
	public Path voterDataDirectory(int index) {
		return this.voterSpecs.get(index).dataDirectory();
	}

	/**
	 * Launches a client-member process with JVM arguments of its own (in place of the cluster's), without waiting.
	 * @param id its member id
	 * @param jvmArguments its JVM arguments
	 * @return the process
	 */
	public NodeProcess launchClient(String id, List<String> jvmArguments) {
		NodeProcess client = NodeProcess.launch(new NodeProcess.Spec(id, FreePorts.next(), this.voterSpecs.get(0).members(),
				null, this.sessionTimeout, this.directory.resolve("logs"), jvmArguments));
		this.clients.add(client);
		return client;
	}

	/**
	 * Launches a client-member process and waits until it is ready.
	 * @param id its member id
	 * @return the process
	 */
	public NodeProcess startClient(String id) {
		NodeProcess client = NodeProcess.launch(new NodeProcess.Spec(id, FreePorts.next(), this.voterSpecs.get(0).members(),
				null, this.sessionTimeout, this.directory.resolve("logs"), this.jvmArguments));
		this.clients.add(client);
		client.expect("READY", TestTimeouts.seconds(120));
		return client;
	}

	/**
	 * The index of the voter that leads the coordination partition, as a live voter sees it.
	 * @return the index
	 */
	public int leaderIndex() {
		for (NodeProcess voter : this.voters) {
			if (voter.isAlive()) {
				String answer = voter.call("raft-leader", TestTimeouts.seconds(30), "RAFT-LEADER");
				String leader = answer.split(" ")[1];
				for (int i = 0; i < this.voterSpecs.size(); i++) {
					if (this.voterSpecs.get(i).id().equals(leader)) {
						return i;
					}
				}
			}
		}
		throw new IllegalStateException("No live voter knows a leader");
	}

	/**
	 * Where logs, data and fenced files of this cluster live.
	 * @return the directory
	 */
	public Path directory() {
		return this.directory;
	}

	@Override
	public void close() {
		for (NodeProcess client : this.clients) {
			client.kill();
		}
		for (NodeProcess voter : this.voters) {
			voter.kill();
		}
		if (!Boolean.getBoolean("coordination.test.keep-data")) {
			DataDirectories.delete(this.directory);
		}
	}

}
