package io.coordination.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import javax.net.ssl.SSLContext;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.util.ClassUtils;

import io.coordination.Coordination;
import io.coordination.autoconfigure.cluster.DnsMembers;
import io.coordination.core.CoordinationNode;
import io.coordination.core.MessagingTls;

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
		return builder(properties, (name) -> {
			throw new IllegalStateException("coordination.node.tls.bundle needs the application's SSL bundles; a node "
					+ "started for spring.config.import=coordination: takes key-store and trust-store instead");
		});
	}

	/**
	 * A node builder configured from the properties, with SSL bundles for the messaging TLS.
	 * @param properties the properties
	 * @param sslBundles SSL bundles by name ({@code coordination.node.tls.bundle})
	 * @return the builder
	 */
	public static CoordinationNode.Builder builder(CoordinationProperties properties,
			Function<String, SslBundle> sslBundles) {
		CoordinationProperties.Node node = properties.getNode();
		CoordinationNode.Builder builder = CoordinationNode.builder()
			.clusterId(properties.getCluster().getId())
			.memberId(node.getId())
			.host(node.getHost())
			.port(node.getPort())
			.bindHost(node.getBindHost())
			.members(members(properties))
			.sessionTimeout(properties.getSession().getTimeout())
			.electionTimeout(properties.getRaft().getElectionTimeout())
			.heartbeatInterval(properties.getRaft().getHeartbeatInterval())
			.operationTimeout(properties.getOperationTimeout())
			.startTimeout(properties.getStartTimeout())
			.failOnDeadlock(properties.getDeadlock().isFailWaiter())
			.syncLog(node.isSync())
			.insecureMessaging(node.isInsecureMessaging())
			.kvMaxBytes(properties.getKv().getMaxBytes().toBytes())
			.kvHistoryMaxBytes(properties.getKv().getHistoryMaxBytes().toBytes());
		if (node.getDataDir() != null) {
			builder.dataDirectory(node.getDataDir());
		}
		CoordinationProperties.Tls tls = node.getTls();
		if (tls.getBundle() != null && tls.getKeyStore() != null) {
			throw new IllegalArgumentException(
					"Set coordination.node.tls.bundle or coordination.node.tls.key-store, not both");
		}
		if (tls.getBundle() != null) {
			SslBundle bundle = sslBundles.apply(tls.getBundle());
			// as Spring Boot itself reads a bundle: the key's password, else the key store's
			String keyPassword = (bundle.getKey().getPassword() != null) ? bundle.getKey().getPassword()
					: bundle.getStores().getKeyStorePassword();
			builder.messagingTls(MessagingTls.fromKeyStores(bundle.getStores().getKeyStore(), keyPassword,
					(bundle.getStores().getTrustStore() != null) ? bundle.getStores().getTrustStore()
							: bundle.getStores().getKeyStore()));
		}
		else if (tls.getKeyStore() != null) {
			builder.messagingTls(new MessagingTls(tls.getKeyStore(), tls.getKeyStorePassword(),
					(tls.getTrustStore() != null) ? tls.getTrustStore() : tls.getKeyStore(),
					(tls.getTrustStorePassword() != null) ? tls.getTrustStorePassword() : tls.getKeyStorePassword()));
		}
		return builder;
	}

	private static List<String> members(CoordinationProperties properties) {
		CoordinationProperties.Cluster cluster = properties.getCluster();
		if (cluster.getDns() == null || cluster.getDns().isBlank()) {
			return cluster.getMembers();
		}
		if (!cluster.getMembers().isEmpty()) {
			throw new IllegalArgumentException("Set coordination.cluster.members or coordination.cluster.dns, not both");
		}
		return new DnsMembers().resolve(cluster.getDns().trim(), cluster.getExpectedVoters(),
				properties.getStartTimeout());
	}

	/**
	 * The HTTP client of the sidecar named by the properties ({@code coordination.mode=sidecar}).
	 * @param properties the properties
	 * @param sslBundles TLS contexts by SSL bundle name ({@code coordination.sidecar.ssl-bundle})
	 * @return the client, its application session open
	 * @throws IllegalStateException if coordination-client is not on the classpath
	 */
	public static Coordination sidecarClient(CoordinationProperties properties,
			Function<String, SSLContext> sslBundles) {
		if (!ClassUtils.isPresent("io.coordination.client.HttpCoordination", CoordinationNodes.class.getClassLoader())) {
			throw new IllegalStateException("coordination.mode=sidecar needs io.coordination:coordination-client on "
					+ "the classpath");
		}
		return SidecarClients.open(properties, sslBundles);
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
		settings.put("coordination.mode", properties.getMode());
		settings.put("coordination.sidecar.url", properties.getSidecar().getUrl());
		settings.put("coordination.cluster.id", properties.getCluster().getId());
		settings.put("coordination.cluster.members", properties.getCluster().getMembers());
		settings.put("coordination.cluster.dns", properties.getCluster().getDns());
		settings.put("coordination.node.id", properties.getNode().getId());
		settings.put("coordination.node.host", properties.getNode().getHost());
		settings.put("coordination.node.port", properties.getNode().getPort());
		settings.put("coordination.node.bind-host", properties.getNode().getBindHost());
		settings.put("coordination.node.data-dir", properties.getNode().getDataDir());
		settings.put("coordination.node.sync", properties.getNode().isSync());
		settings.put("coordination.node.insecure-messaging", properties.getNode().isInsecureMessaging());
		settings.put("coordination.session.timeout", properties.getSession().getTimeout());
		settings.put("coordination.raft.election-timeout", properties.getRaft().getElectionTimeout());
		settings.put("coordination.raft.heartbeat-interval", properties.getRaft().getHeartbeatInterval());
		settings.put("coordination.operation-timeout", properties.getOperationTimeout());
		settings.put("coordination.deadlock.fail-waiter", properties.getDeadlock().isFailWaiter());
		return settings;
	}

}
