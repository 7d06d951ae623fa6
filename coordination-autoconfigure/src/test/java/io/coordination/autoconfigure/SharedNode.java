package io.coordination.autoconfigure;

import java.nio.file.Path;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.coordination.Coordination;
import io.coordination.core.CoordinationNode;
import io.coordination.testsupport.cluster.DataDirectories;

/**
 * One real single-node cluster shared by the auto-configuration tests of this JVM (starting a node takes seconds);
 * tests hand its clients to the contexts they run as user beans.
 */
public final class SharedNode implements BeforeAllCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedNode.class);

	private static volatile CoordinationNode node;

	private static volatile Coordination other;

	@Override
	public void beforeAll(ExtensionContext context) {
		context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("node", (key) -> {
			Path data = DataDirectories.create("coordination-autoconfigure-");
			node = CoordinationNode.builder().memberId("shared").port(0).dataDirectory(data).build().start();
			return (AutoCloseable) () -> {
				if (other != null) {
					other.close();
				}
				node.close();
				DataDirectories.delete(data);
			};
		});
	}

	/**
	 * Keeps a test context from closing the shared client it was given as a bean.
	 * @param definition the bean definition
	 */
	public static void notClosed(org.springframework.beans.factory.config.BeanDefinition definition) {
		definition.setDestroyMethodName("");
	}

	/**
	 * A context runner with the core auto-configuration and the given ones, whose {@code Coordination} bean is the
	 * shared node's client (which the context does not close).
	 * @param autoConfigurations the auto-configurations under test
	 * @return the runner
	 */
	public static ApplicationContextRunner runner(Class<?>... autoConfigurations) {
		Class<?>[] all = new Class<?>[autoConfigurations.length + 1];
		all[0] = CoordinationAutoConfiguration.class;
		System.arraycopy(autoConfigurations, 0, all, 1, autoConfigurations.length);
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(all))
			.withBean(Coordination.class, () -> node().coordination(), SharedNode::notClosed);
	}

	/**
	 * A second client of the shared node with its own session (another owner of everything), closed with the node.
	 * @return the client
	 */
	public static synchronized Coordination otherClient() {
		if (other == null) {
			other = node().openCoordination();
		}
		return other;
	}

	/**
	 * The shared node.
	 * @return the node
	 */
	public static CoordinationNode node() {
		return node;
	}

}
