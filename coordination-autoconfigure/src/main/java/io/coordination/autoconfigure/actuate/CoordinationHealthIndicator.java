package io.coordination.autoconfigure.actuate;

import java.util.List;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.coordination.Coordination;
import io.coordination.cluster.RaftPartitionInfo;
import io.coordination.session.CoordinationSession;
import io.coordination.session.SessionState;

/**
 * UP while this node's session is confirmed alive within its timeout (which needs a quorum); DOWN when the session
 * expired or could not be confirmed for a whole timeout (lost quorum, partition), and while the client is still making
 * candidacies or registrations again in a new session (after a sidecar restart the cluster refuses them until the
 * old session is gone). A Raft leader change (about two seconds) does not make it flap.
 */
public class CoordinationHealthIndicator extends AbstractHealthIndicator {

	private final Coordination coordination;

	/**
	 * Creates the indicator.
	 * @param coordination the entry point
	 */
	public CoordinationHealthIndicator(Coordination coordination) {
		super("Coordination health check failed");
		this.coordination = coordination;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		CoordinationSession session = this.coordination.session();
		SessionState state = session.state();
		List<String> restoring = session.restoring();
		builder.status((state == SessionState.CONNECTED && restoring.isEmpty())
				? org.springframework.boot.health.contributor.Status.UP
				: org.springframework.boot.health.contributor.Status.DOWN);
		builder.withDetail("member", session.memberId()).withDetail("session", session.id())
			.withDetail("sessionState", state);
		if (!restoring.isEmpty()) {
			builder.withDetail("restoring", restoring);
		}
		for (RaftPartitionInfo partition : this.coordination.cluster().partitions()) {
			if (partition.group().equals("coordination")) {
				builder.withDetail("raftLeader", String.valueOf(partition.leader()))
					.withDetail("raftTerm", partition.term())
					.withDetail("role", partition.localRole());
			}
		}
	}

}
