package io.coordination.testsupport.process;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jdk.jfr.Recording;

import io.coordination.Coordination;
import io.coordination.core.CoordinationNode;
import io.coordination.core.MessagingTls;
import io.coordination.discovery.ServiceRegistration;
import io.coordination.election.Candidacy;
import io.coordination.election.Leadership;
import io.coordination.election.LeadershipListener;
import io.coordination.fencing.StaleFencingTokenException;
import io.coordination.kv.KeyValue;
import io.coordination.kv.KeyValueWatch;
import io.coordination.lock.LockInfo;
import io.coordination.lock.LockLease;

/**
 * A coordination node in its own process, driven through stdin by a test or the benchmark. Every answer and event is
 * one line on stdout, starting with a word in capitals; logs go to a file.
 * <p>
 * Arguments: {@code --id ID --port PORT --members m1,m2,m3 [--data DIR] [--session-timeout MILLIS]}. The node is a
 * voter if its id is in the member list, otherwise a client member.
 * <p>
 * Commands: {@code lock NAME WAIT_MILLIS}, {@code unlock NAME}, {@code check NAME}, {@code fenced-write FILE NAME},
 * {@code info NAME}, {@code join GROUP}, {@code leader GROUP}, {@code raft-leader}, {@code session},
 * {@code watch PREFIX FROM_REVISION} (then one {@code KV revision type key value} line per change),
 * {@code put KEY VALUE}, {@code get KEY}, {@code puts PREFIX COUNT} (one {@code PUT-TIMED key revision sentNanos
 * acknowledgedNanos} line per write, epoch nanoseconds, then {@code PUTS-DONE}), {@code record-syncs FILE} and
 * {@code stop-recording} (the JDK's {@code jdk.FileForce} events, every {@code FileChannel.force}, into a JFR file),
 * {@code register SERVICE INSTANCE PORT}, {@code exit}.
 * <p>
 * System properties: {@code coordination.node.sync=false} turns the Raft log sync of a voter off;
 * {@code coordination.node.tls.key-store}, {@code .key-store-password}, {@code .trust-store} and
 * {@code .trust-store-password} turn messaging TLS on; {@code coordination.start-timeout} (seconds, default 120)
 * bounds the start.
 */
public final class NodeProcessMain {

	private static final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

	private final Map<String, LockLease> leases = new ConcurrentHashMap<>();

	private final Map<String, Candidacy> candidacies = new ConcurrentHashMap<>();

	private final CoordinationNode node;

	private Recording recording;

	private final Coordination coordination;

	private NodeProcessMain(CoordinationNode node) {
		this.node = node;
		this.coordination = node.coordination();
	}

	/**
	 * Starts the node and serves commands until {@code exit} or the end of stdin.
	 * @param args see the class description
	 * @throws Exception if it cannot start
	 */
	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		CoordinationNode.Builder builder = CoordinationNode.builder()
			.memberId(options.get("id"))
			.host("127.0.0.1")
			.port(Integer.parseInt(options.get("port")))
			.members(Arrays.asList(options.get("members").split(",")))
			.sessionTimeout(Duration.ofMillis(Long.parseLong(options.getOrDefault("session-timeout", "5000"))))
			.startTimeout(Duration.ofSeconds(Long.getLong("coordination.start-timeout", 120)))
			.syncLog(Boolean.parseBoolean(System.getProperty("coordination.node.sync", "true")));
		String keyStore = System.getProperty("coordination.node.tls.key-store");
		if (keyStore != null) {
			builder.messagingTls(new MessagingTls(Path.of(keyStore),
					System.getProperty("coordination.node.tls.key-store-password"),
					Path.of(System.getProperty("coordination.node.tls.trust-store", keyStore)),
					System.getProperty("coordination.node.tls.trust-store-password",
							System.getProperty("coordination.node.tls.key-store-password"))));
		}
		if (options.containsKey("data")) {
			builder.dataDirectory(Path.of(options.get("data")));
		}
		CoordinationNode node = builder.build().start();
		node.coordination().session().addListener((id, state) -> reply("SESSION " + id + " " + state));
		reply("READY " + node.memberId() + " " + node.coordination().session().id());
		new NodeProcessMain(node).serve();
	}

	private void serve() throws Exception {
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		String line;
		while ((line = in.readLine()) != null) {
			List<String> words = Arrays.asList(line.trim().split("\\s+"));
			if (words.get(0).equals("exit")) {
				break;
			}
			try {
				handle(words);
			}
			catch (RuntimeException ex) {
				reply("ERROR " + words.get(0) + " " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
			}
		}
		this.node.close();
		reply("EXITED");
		System.exit(0);
	}

	private void handle(List<String> words) {
		switch (words.get(0)) {
			case "lock" -> lock(words.get(1), Long.parseLong(words.get(2)));
			case "unlock" -> {
				LockLease lease = this.leases.remove(words.get(1));
				if (lease != null) {
					lease.close();
				}
				reply("RELEASED " + words.get(1));
			}
			case "check" -> {
				LockLease lease = this.leases.get(words.get(1));
				reply("VALID " + words.get(1) + " " + (lease != null && lease.isValid()));
			}
			case "fenced-write" -> fencedWrite(Path.of(words.get(1)), words.get(2));
			case "info" -> {
				LockInfo info = this.coordination.lock(words.get(1)).info();
				reply("INFO " + words.get(1) + " " + (info.holders().isEmpty() ? "free"
						: info.holders().get(0).owner().member() + " " + info.holders().get(0).fencingToken() + " "
								+ info.holders().get(0).holdCount()));
			}
			case "join" -> join(words.get(1));
			case "leader" -> {
				Optional<Leadership> leader = this.coordination.election(words.get(1)).leader();
				reply("LEADER-IS " + words.get(1) + " "
						+ leader.map((l) -> l.leaderId() + " " + l.term()).orElse("none 0"));
			}
			case "raft-leader" -> reply("RAFT-LEADER " + this.node.cluster()
				.partitions()
				.stream()
				.filter((p) -> p.group().equals("coordination"))
				.map((p) -> String.valueOf(p.leader()))
				.findFirst()
				.orElse("null"));
			case "session" -> reply("SESSION-IS " + this.coordination.session().id() + " "
					+ this.coordination.session().state());
			case "watch" -> {
				KeyValueWatch watch = this.coordination.keyValue()
					.watch(words.get(1), true, Long.parseLong(words.get(2)), (events) -> events.forEach((event) -> reply(
							"KV " + event.revision() + " " + event.type() + " " + event.key() + " "
									+ event.entry().valueAsString())));
				reply("WATCHING " + watch.lastRevision());
			}
			case "put" -> reply("PUT " + words.get(1) + " "
					+ this.coordination.keyValue().put(words.get(1), words.get(2)).modRevision());
			case "get" -> {
				Optional<KeyValue> entry = this.coordination.keyValue().get(words.get(1));
				reply("GOT " + words.get(1) + " "
						+ entry.map((kv) -> kv.valueAsString() + " " + kv.modRevision()).orElse("- 0"));
			}
			case "puts" -> puts(words.get(1), Integer.parseInt(words.get(2)));
			case "record-syncs" -> {
				this.recording = new Recording();
				this.recording.enable("jdk.FileForce").withThreshold(Duration.ZERO).withoutStackTrace();
				try {
					this.recording.setDestination(Path.of(words.get(1)));
				}
				catch (java.io.IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
				this.recording.start();
				reply("RECORDING " + words.get(1));
			}
			case "stop-recording" -> {
				this.recording.stop();
				this.recording.close();
				reply("RECORDED");
			}
			case "register" -> {
				this.coordination.discovery()
					.register(ServiceRegistration.of(words.get(1), words.get(2), "127.0.0.1", Integer.parseInt(words.get(3))));
				reply("REGISTERED " + words.get(1) + " " + words.get(2));
			}
			default -> reply("ERROR unknown command " + words.get(0));
		}
	}

	private void puts(String prefix, int count) {
		for (int i = 0; i < count; i++) {
			Instant sent = Instant.now();
			long revision = this.coordination.keyValue().put(prefix + i, "value-" + i).modRevision();
			Instant acknowledged = Instant.now();
			reply("PUT-TIMED " + prefix + i + " " + revision + " " + epochNanos(sent) + " " + epochNanos(acknowledged));
		}
		reply("PUTS-DONE " + count);
	}

	private static long epochNanos(Instant instant) {
		return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
	}

	private void lock(String name, long waitMillis) {
		Optional<LockLease> lease = this.coordination.lock(name).tryLock(Duration.ofMillis(waitMillis));
		if (lease.isEmpty()) {
			reply("BUSY " + name);
			return;
		}
		this.leases.put(name, lease.get());
		lease.get()
			.addLostListener((event) -> reply("LOST " + event.resource() + " " + event.fencingToken() + " "
					+ event.reason()));
		reply("GRANTED " + name + " " + lease.get().fencingToken());
	}

	private void fencedWrite(Path file, String name) {
		LockLease lease = this.leases.get(name);
		if (lease == null) {
			reply("ERROR fenced-write no lease on " + name);
			return;
		}
		try {
			new FencedFile(file).write(lease.fencingToken(), this.node.memberId());
			reply("WRITE-OK " + lease.fencingToken());
		}
		catch (StaleFencingTokenException ex) {
			reply("WRITE-REJECTED " + ex.token() + " " + ex.highestSeen());
		}
	}

	private void join(String group) {
		Candidacy candidacy = this.coordination.election(group).join();
		this.candidacies.put(group, candidacy);
		// answered before any ELECTED line (the listener hears a leadership held already as well), so that a test
		// waiting for ELECTED after JOINED cannot miss it
		reply("JOINED " + group);
		candidacy.addListener(new LeadershipListener() {

			@Override
			public void granted(Leadership leadership) {
				reply("ELECTED " + group + " " + leadership.leaderId() + " " + leadership.term());
			}

			@Override
			public void revoked(Leadership leadership) {
				reply("REVOKED " + group + " " + leadership.leaderId() + " " + leadership.term());
			}

		});
	}

	static void reply(String line) {
		synchronized (out) {
			out.println(line);
		}
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("Expected --option value, got " + args[i]);
			}
			options.put(args[i].substring(2), args[i + 1]);
		}
		for (String required : List.of("id", "port", "members")) {
			if (!options.containsKey(required)) {
				throw new IllegalArgumentException("Missing --" + required);
			}
		}
		return options;
	}

}
