package io.coordination.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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

	/**
	 * The node settings that differ between two bindings of the properties.
	 * @param started the settings a node was started with
	 * @param current the settings as bound now
	 * @return "property: started -> current" for each difference
	 */
	public static List<String> differences(CoordinationProperties started, CoordinationProperties current) {
		Map<String, Object> before = settings(started);
		Map<String, Object> after = settings(current);
		List<String> differences = new ArrayList<>();
		before.forEach((name, value) -> {
			if (!Objects.equals(value, after.get(name))) {
				differences.add(name + ": " + value + " -> " + after.get(name));
			}
		});
		return differences;
	}

	private static Map<String, Object> settings(CoordinationProperties properties) {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("coordination.cluster.id", properties.getCluster().getId());
		settings.put("coordination.cluster.members", properties.getCluster().getMembers());
		settings.put("coordination.node.id", properties.getNode().getId());
		settings.put("coordination.node.host", properties.getNode().getHost());
		settings.put("coordination.node.port", properties.getNode().getPort());
		settings.put("coordination.node.bind-host", properties.getNode().getBindHost());
		settings.put("coordination.node.data-dir", properties.getNode().getDataDir());
		settings.put("coordination.session.timeout", properties.getSession().getTimeout());
		settings.put("coordination.raft.election-timeout", properties.getRaft().getElectionTimeout());
		settings.put("coordination.raft.heartbeat-interval", properties.getRaft().getHeartbeatInterval());
		settings.put("coordination.operation-timeout", properties.getOperationTimeout());
		settings.put("coordination.deadlock.fail-waiter", properties.getDeadlock().isFailWaiter());
		return settings;
	}

}
