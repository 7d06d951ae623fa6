package io.coordination.autoconfigure.election;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.Ordered;

/**
 * Leader election of the application: {@code @LeaderOnly} methods, leadership events and leader-bound lifecycles.
 */
@ConfigurationProperties("coordination.leader")
public class LeaderProperties {

	/**
	 * Whether the application takes part in leader election (@LeaderOnly, leadership events).
	 */
	private boolean enabled = true;

	/**
	 * Default election group of @LeaderOnly methods that name none. Default: the application name.
	 */
	private String group;

	/**
	 * Candidate id of this instance in its groups. Default: the coordination member id.
	 */
	private String candidateId;

	/**
	 * Groups joined at start-up besides those named by @LeaderOnly methods.
	 */
	private List<String> groups = new ArrayList<>();

	/**
	 * Order of the @LeaderOnly interceptor; lower runs outside. The default runs outside @DistributedLock.
	 */
	private int order = Ordered.HIGHEST_PRECEDENCE + 500;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getGroup() {
		return this.group;
	}

	public void setGroup(String group) {
		this.group = group;
	}

	public String getCandidateId() {
		return this.candidateId;
	}

	public void setCandidateId(String candidateId) {
		this.candidateId = candidateId;
	}

	public List<String> getGroups() {
		return this.groups;
	}

	public void setGroups(List<String> groups) {
		this.groups = groups;
	}

	public int getOrder() {
		return this.order;
	}

	public void setOrder(int order) {
		this.order = order;
	}

}
