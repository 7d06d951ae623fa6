package io.coordination.autoconfigure.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

import io.coordination.Coordination;
import io.coordination.cluster.ClusterMember;

/**
 * Adds {@code coordination} to {@code /actuator/info}: member id, whether it votes, and the cluster's voters.
 */
public class CoordinationInfoContributor implements InfoContributor {

	private final Coordination coordination;

	/**
	 * Creates the contributor.
	 * @param coordination the entry point
	 */
	public CoordinationInfoContributor(Coordination coordination) {
		this.coordination = coordination;
	}

	@Override
	public void contribute(Info.Builder builder) {
		String member = this.coordination.cluster().localMemberId();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("member", member);
		details.put("voter", this.coordination.cluster().members().stream()
			.anyMatch((m) -> m.id().equals(member) && m.voter()));
		details.put("voters", this.coordination.cluster().members().stream().filter(ClusterMember::voter)
			.map(ClusterMember::id).toList());
		builder.withDetail("coordination", details);
	}

}
