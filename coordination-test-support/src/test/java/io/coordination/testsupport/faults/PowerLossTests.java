package io.coordination.testsupport.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.coordination.testsupport.crash.PowerLoss;
import io.coordination.testsupport.cluster.DataDirectories;
import io.coordination.testsupport.process.NodeProcess;
import io.coordination.testsupport.process.ProcessCluster;

import static io.coordination.testsupport.faults.ProcessFaultTests.JVM;
import static io.coordination.testsupport.faults.ProcessFaultTests.timeout;
import static io.coordination.testsupport.faults.ProcessFaultTests.token;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every voter loses power at once: the voters run on a file system layer that records what they write and sync
 * ({@link PowerLoss}); they are killed, everything they had not synced is taken back (writes since a file's last
 * {@code force}, files created since their directory's last sync), and they restart on what is left. Acknowledged
 * writes and grants must all be there, and fencing tokens must go on increasing. Killing a process alone cannot show
 * this: the operating system keeps its page cache.
 */
class PowerLossTests {

	private static final int WRITES = 40;

	private static final int GRANTS = 8;

	/**
	 * One follower is paused while the client writes, so that exactly the leader and the other follower acknowledge
	 * each write. After the power loss each of them must hold it on its own: the leader restarts beside the follower
	 * that missed the writes, then the other follower does.
	 */
	@Test
	void acknowledgedWritesAndGrantsSurviveAPowerLossOfEveryVoterOnEitherMajority() {
		try (ProcessCluster cluster = new ProcessCluster(3, Duration.ofSeconds(10), jvm(true)).start()) {
			int leader = cluster.leaderIndex();
			int follower = (leader + 1) % 3;
			int paused = (leader + 2) % 3;
			NodeProcess writer = cluster.startClient("writer");
			cluster.voter(paused).pause();
			Acknowledged acknowledged = write(writer);
			cluster.killVoters();
			for (int i = 0; i < 3; i++) {
				PowerLoss.apply(cluster.voterDataDirectory(i));
			}
			Path pausedData = cluster.voterDataDirectory(paused);
			Path pausedCopy = copy(pausedData);

			assertThat(lostOn(cluster, List.of(leader, paused), acknowledged, "after-leader"))
				.as("lost on the leader and the follower that missed the writes").isEmpty();
			cluster.killVoters();
			restore(pausedCopy, pausedData);
			assertThat(lostOn(cluster, List.of(follower, paused), acknowledged, "after-follower"))
				.as("lost on the follower that acknowledged and the one that missed the writes").isEmpty();
		}
	}

	@Test
	void aSingleVoterKeepsWhatItAcknowledged() {
		assertThat(powerLossOfASingleVoter(true).lost()).isEmpty();
	}

	/**
	 * The same cut with the log sync off (Atomix's behaviour before it was added): the test layer takes back
	 * acknowledged writes, so the checks above can fail.
	 */
	@Test
	void withoutTheLogSyncAPowerLossLosesAcknowledgedWrites() {
		Outcome outcome = powerLossOfASingleVoter(false);
		assertThat(outcome.undone()).isPositive();
		assertThat(outcome.lost()).isNotEmpty();
	}

	private Outcome powerLossOfASingleVoter(boolean sync) {
		try (ProcessCluster cluster = new ProcessCluster(1, Duration.ofSeconds(10), jvm(sync)).start()) {
			Acknowledged acknowledged = write(cluster.startClient("writer"));
			cluster.killVoters();
			int undone = PowerLoss.apply(cluster.voterDataDirectory(0)).writes();
			return new Outcome(undone, lostOn(cluster, List.of(0), acknowledged, "after"));
		}
	}

	private static List<String> jvm(boolean sync) {
		return Stream.of(JVM, PowerLoss.JVM_ARGUMENTS, List.of("-Dcoordination.node.sync=" + sync))
			.flatMap(List::stream)
			.toList();
	}

	/**
	 * Writes keys one at a time and takes a lock repeatedly, through a client member that is killed afterwards.
	 */
	private static Acknowledged write(NodeProcess writer) {
		List<String[]> puts = new ArrayList<>();
		writer.send("puts /power/ " + WRITES);
		for (int i = 0; i < WRITES; i++) {
			puts.add(writer.expect("PUT-TIMED", timeout(60)).split(" "));
		}
		writer.expect("PUTS-DONE", timeout(60));
		long lastToken = 0;
		for (int i = 0; i < GRANTS; i++) {
			long token = token(writer.call("lock ledger 10000", timeout(30), "GRANTED", "BUSY"));
			assertThat(token).isGreaterThan(lastToken);
			lastToken = token;
			writer.call("unlock ledger", timeout(30), "RELEASED");
		}
		writer.kill();
		return new Acknowledged(puts, lastToken, Long.parseLong(puts.get(WRITES - 1)[2]));
	}

	/**
	 * Restarts the given voters only (a majority) and reads everything that was acknowledged through a new client.
	 */
	private static List<String> lostOn(ProcessCluster cluster, List<Integer> voters, Acknowledged acknowledged,
			String reader) {
		for (int voter : voters) {
			cluster.relaunchVoter(voter);
		}
		for (int voter : voters) {
			cluster.voter(voter).expect("READY", timeout(150));
		}
		NodeProcess client = cluster.startClient(reader);
		List<String> lost = new ArrayList<>();
		for (String[] put : acknowledged.puts()) {
			String expected = "GOT " + put[1] + " value-" + put[1].substring("/power/".length()) + " " + put[2];
			String got = client.call("get " + put[1], timeout(60), "GOT");
			if (!got.equals(expected)) {
				lost.add("acknowledged " + put[1] + " at revision " + put[2] + ", now " + got);
			}
		}
		long token = token(client.call("lock ledger 10000", timeout(60), "GRANTED", "BUSY"));
		if (token <= acknowledged.lastToken()) {
			lost.add("fencing token " + token + " after the power loss, " + acknowledged.lastToken() + " before");
		}
		String[] after = client.call("put /power/" + reader + " x", timeout(60), "PUT").split(" ");
		if (Long.parseLong(after[2]) <= acknowledged.lastRevision()) {
			lost.add("revision " + after[2] + " after the power loss, " + acknowledged.lastRevision() + " before");
		}
		client.kill();
		return lost;
	}

	private static Path copy(Path directory) {
		Path copy = directory.resolveSibling(directory.getFileName() + ".copy");
		run("cp", "-a", "--sparse=always", directory.toString(), copy.toString());
		return copy;
	}

	private static void restore(Path copy, Path directory) {
		DataDirectories.delete(directory);
		run("cp", "-a", "--sparse=always", copy.toString(), directory.toString());
	}

	private static void run(String... command) {
		try {
			Process process = new ProcessBuilder(command).inheritIO().start();
			assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private record Acknowledged(List<String[]> puts, long lastToken, long lastRevision) {
	}

	private record Outcome(int undone, List<String> lost) {
	}

}
