package io.coordination.autoconfigure;

import io.coordination.core.CoordinationNode;

/**
 * Builds the embedded node from the {@code coordination.*} properties (also before the application context exists,
 * for configuration import).
 */
public final class CoordinationNodes {

	private CoordinationNodes() {
	}

	/**
	 * A node builder configured from the properties.
	 * @param properties the properties
	 * @return the builder
	 */
	public static CoordinationNode.Builder builder(CoordinationProperties properties) {
		CoordinationProperties.Node node = properties.getNode();
		CoordinationNode.Builder builder = CoordinationNode.builder()
			.clusterId(properties.getCluster().getId())
			.memberId(node.getId())
			.host(node.getHost())
			.port(node.getPort())
			.bindHost(node.getBindHost())
			.members(properties.getCluster().getMembers())
			.sessionTimeout(properties.getSession().getTimeout())
			.electionTimeout(properties.getRaft().getElectionTimeout())
			.heartbeatInterval(properties.getRaft().getHeartbeatInterval())
			.operationTimeout(properties.getOperationTimeout())
			.startTimeout(properties.getStartTimeout())
			.failOnDeadlock(properties.getDeadlock().isFailWaiter());
		if (node.getDataDir() != null) {
			builder.dataDirectory(node.getDataDir());
		}
		return builder;
	}

}
