package io.coordination.autoconfigure.actuate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

import io.coordination.Coordination;
import io.coordination.CoordinationInspector;
import io.coordination.cluster.ClusterMember;
import io.coordination.cluster.RaftPartitionInfo;
import io.coordination.discovery.ServiceInstance;
import io.coordination.election.ElectionInfo;
import io.coordination.lock.DeadlockReport;
import io.coordination.lock.LockHolder;
import io.coordination.lock.LockInfo;
import io.coordination.semaphore.SemaphoreInfo;
import io.coordination.session.SessionState;

/**
 * {@code /actuator/coordination}: the cluster (members, Raft leaders, terms and roles per partition), this node's
 * session, the locks this node holds and waits for (tokens, since when), elections and their leaders, semaphores,
 * detected deadlocks and registered instances. {@code DELETE /actuator/coordination/{lock}} releases a lock held by
 * this node.
 */
@Endpoint(id = "coordination")
public class CoordinationEndpoint {

	private final Coordination coordination;

	/**
	 * Creates the endpoint.
	 * @param coordination the entry point
	 */
	public CoordinationEndpoint(Coordination coordination) {
		this.coordination = coordination;
	}

	/**
	 * Everything this node knows.
	 * @return the report
	 */
	@ReadOperation
	public CoordinationReport coordination() {
		String member = this.coordination.session().memberId();
		CoordinationInspector inspector = this.coordination.inspector();
		List<LockInfo> locks = inspector.locks();
		Map<String, List<ServiceInstance>> services = new LinkedHashMap<>();
		for (String service : this.coordination.discovery().services()) {
			services.put(service, this.coordination.discovery().instances(service));
		}
		var session = this.coordination.session();
		return new CoordinationReport(member,
				new Cluster(this.coordination.cluster().members(), this.coordination.cluster().partitions()),
				new Session(session.id(), session.state(), session.timeout()),
				new Locks(locks.stream().filter((lock) -> heldBy(lock, member)).toList(),
						locks.stream().filter((lock) -> waitedBy(lock, member)).toList()),
				inspector.elections(), inspector.semaphores(), inspector.deadlocks(), services);
	}

	/**
	 * Releases an exclusive lock held by this node (an operator action; its holder is told it lost the lock). A lock
	 * held by another member is left alone: release it on that member.
	 * @param name the lock
	 * @return what happened
	 */
	@DeleteOperation
	public LockRelease releaseLock(@Selector String name) {
		LockInfo info;
		try {
			info = this.coordination.lock(name).info();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEndpointRequestException(ex.getMessage(), ex.getMessage());
		}
		String member = this.coordination.session().memberId();
		if (!info.isLocked()) {
			return new LockRelease(name, LockRelease.Outcome.NOT_HELD, "the lock is not held");
		}
		if (!heldBy(info, member)) {
			return new LockRelease(name, LockRelease.Outcome.HELD_ELSEWHERE,
					"held by " + info.holders().stream().map((holder) -> holder.owner().member()).distinct().toList()
							+ ", not by this member ('" + member + "')");
		}
		// only the hold seen here: if the lock changed hands meanwhile, a later holder keeps it
		long token = info.holders()
			.stream()
			.filter((holder) -> holder.owner().member().equals(member))
			.mapToLong(LockHolder::fencingToken)
			.findFirst()
			.orElseThrow();
		boolean released = this.coordination.lock(name).forceRelease(token);
		return released
				? new LockRelease(name, LockRelease.Outcome.RELEASED,
						"released the hold with token " + token + "; its holder was told")
				: new LockRelease(name, LockRelease.Outcome.NOT_HELD, "released before this request");
	}

	private static boolean heldBy(LockInfo lock, String member) {
		return lock.holders().stream().map(LockHolder::owner).anyMatch((owner) -> owner.member().equals(member));
	}

	private static boolean waitedBy(LockInfo lock, String member) {
		return lock.waiters().stream().anyMatch((waiter) -> waiter.owner().member().equals(member));
	}

	/**
	 * The result of a release request.
	 *
	 * @param lock the lock
	 * @param outcome what happened
	 * @param detail why, in words
	 */
	public record LockRelease(String lock, Outcome outcome, String detail) {

		/**
		 * Outcomes of a release request.
		 */
		public enum Outcome {

			/** Released; its holder was told. */
			RELEASED,

			/** Nobody holds it. */
			NOT_HELD,

			/** Another member holds it. */
			HELD_ELSEWHERE

		}

	}

	/**
	 * The report.
	 *
	 * @param member this node's member id
	 * @param cluster members and partitions
	 * @param session this node's session
	 * @param locks locks this node holds or waits for
	 * @param elections every election with candidates
	 * @param semaphores every semaphore in use
	 * @param deadlocks recent deadlock reports
	 * @param services registered instances by service
	 */
	public record CoordinationReport(String member, Cluster cluster, Session session, Locks locks,
			List<ElectionInfo> elections, List<SemaphoreInfo> semaphores, List<DeadlockReport> deadlocks,
			Map<String, List<ServiceInstance>> services) {
	}

	/**
	 * The cluster.
	 *
	 * @param members members and whether they are reachable
	 * @param partitions Raft partitions with leader, term, commit index and this node's role
	 */
	public record Cluster(List<ClusterMember> members, List<RaftPartitionInfo> partitions) {
	}

	/**
	 * This node's session.
	 *
	 * @param id session id
	 * @param state session state
	 * @param timeout session timeout
	 */
	public record Session(long id, SessionState state, Duration timeout) {
	}

	/**
	 * Locks of this node.
	 *
	 * @param held locks it holds (with every holder, for read-write locks)
	 * @param waited locks it waits for
	 */
	public record Locks(List<LockInfo> held, List<LockInfo> waited) {
	}

}
