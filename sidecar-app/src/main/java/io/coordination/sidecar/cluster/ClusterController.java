package io.coordination.sidecar.cluster;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.coordination.Coordination;
import io.coordination.cluster.ClusterMember;
import io.coordination.cluster.RaftPartitionInfo;
import io.coordination.lock.DeadlockReport;
import io.coordination.sidecar.SidecarProperties;

/**
 * {@code /v1/cluster}: the members, and per Raft partition its leader, term, commit index and this member's role.
 */
@RestController
public class ClusterController {

	private final Coordination coordination;

	private final SidecarProperties properties;

	ClusterController(Coordination coordination, SidecarProperties properties) {
		this.coordination = coordination;
		this.properties = properties;
	}

	/**
	 * The cluster as this sidecar sees it.
	 *
	 * @param member this sidecar's member id
	 * @param role this sidecar's role
	 * @param members every member, with reachability
	 * @param partitions every Raft partition
	 */
	public record ClusterView(String member, SidecarProperties.Role role, List<ClusterMember> members,
			List<RaftPartitionInfo> partitions) {
	}

	@GetMapping("/v1/cluster")
	ClusterView cluster() {
		return new ClusterView(this.coordination.session().memberId(), this.properties.getRole(),
				this.coordination.cluster().members(), this.coordination.cluster().partitions());
	}

	@GetMapping("/v1/deadlocks")
	List<DeadlockReport> deadlocks() {
		return this.coordination.inspector().deadlocks();
	}

}
