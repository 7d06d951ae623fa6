package io.coordination.testsupport.embedded;

import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.coordination.Coordination;
import io.coordination.testsupport.cluster.InJvmCluster;
import io.coordination.testsupport.contract.CoordinationClients;

/**
 * One 3-voter cluster in this JVM, shared by every test class that uses this extension and stopped when the test run
 * ends. Its clients are the voters' default clients; {@link #open()} opens extra sessions on a random voter.
 */
public final class SharedCluster implements BeforeAllCallback, CoordinationClients {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedCluster.class);

	private static volatile InJvmCluster cluster;

	@Override
	public void beforeAll(ExtensionContext context) {
		context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("cluster", (key) -> {
			cluster = new InJvmCluster(3, (builder) -> builder).start();
			return (AutoCloseable) () -> cluster.close();
		});
	}

	@Override
	public Coordination client(int index) {
		return cluster.node(index).coordination();
	}

	@Override
	public Coordination open() {
		return cluster.node(ThreadLocalRandom.current().nextInt(3)).openCoordination();
	}

}
