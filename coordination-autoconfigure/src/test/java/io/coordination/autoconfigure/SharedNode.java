package io.coordination.autoconfigure;

import java.nio.file.Path;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.coordination.core.CoordinationNode;
import io.coordination.testsupport.cluster.DataDirectories;

/**
 * One real single-node cluster shared by the auto-configuration tests of this JVM (starting a node takes seconds);
 * tests hand its clients to the contexts they run as user beans.
 */
public final class SharedNode implements BeforeAllCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedNode.class);

	private static volatile CoordinationNode node;

	@Override
	public void beforeAll(ExtensionContext context) {
		context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("node", (key) -> {
			Path data = DataDirectories.create("coordination-autoconfigure-");
			node = CoordinationNode.builder().memberId("shared").port(0).dataDirectory(data).build().start();
			return (AutoCloseable) () -> {
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
	 * The shared node.
	 * @return the node
	 */
	public static CoordinationNode node() {
		return node;
	}

}
