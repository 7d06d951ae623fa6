package io.coordination.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.coordination.Coordination;
import io.coordination.election.Candidacy;
import io.coordination.election.Leadership;
import io.coordination.fencing.FencingGuard;
import io.coordination.fencing.FencingTokens;
import io.coordination.fencing.StaleFencingTokenException;
import io.coordination.lock.LockLease;
import io.coordination.semaphore.PermitLease;

/**
 * The README's first command: starts a single-node embedded node on a local data directory, takes a lock twice,
 * elects a leader and prints the fencing tokens and the term. Run it again: the tokens keep increasing, because they
 * are positions in the Raft log kept in {@code coordination-data/demo}.
 */
public final class CoordinationDemo {

	private CoordinationDemo() {
	}

	/**
	 * Runs the demo.
	 * @param args optional data directory
	 */
	public static void main(String[] args) {
		Path data = Path.of((args.length > 0) ? args[0] : "coordination-data/demo");
		try (CoordinationNode node = CoordinationNode.builder().memberId("demo").port(0).dataDirectory(data).build()
			.start()) {
			Coordination coordination = node.coordination();
			FencingGuard inventory = new FencingGuard();

			long first;
			try (LockLease lease = coordination.lock("inventory").lock()) {
				first = lease.fencingToken();
				inventory.check("inventory", first);
				print("acquired lock 'inventory'", "fencing token " + first + " (Raft index "
						+ FencingTokens.raftIndex(first) + ", grant " + FencingTokens.ordinal(first) + ")");
			}
			try (LockLease lease = coordination.lock("inventory").lock()) {
				inventory.check("inventory", lease.fencingToken());
				print("acquired lock 'inventory' again", "fencing token " + lease.fencingToken() + " > " + first);
			}
			try {
				inventory.check("inventory", first);
			}
			catch (StaleFencingTokenException ex) {
				print("the protected resource refuses the old token", ex.getMessage());
			}

			try (PermitLease permits = coordination.semaphore("connections", 3).acquire(2)) {
				print("acquired 2 of 3 permits of 'connections'", "fencing token " + permits.fencingToken());
			}

			try (Candidacy candidacy = coordination.election("scheduler").join()) {
				Optional<Leadership> leadership = candidacy.awaitLeadership(Duration.ofSeconds(10));
				print("leader of 'scheduler'", leadership.map((l) -> l.leaderId() + " in term " + l.term())
					.orElse("not elected"));
			}
			print("cluster", node.cluster().partitions().toString());
		}
	}

	private static void print(String what, String detail) {
		System.out.printf("%-48s %s%n", what + ":", detail);
	}

}
