package io.coordination.autoconfigure;

import io.coordination.core.CoordinationNode;

/**
 * Customizes the embedded node before it starts. Beans of this type are applied in {@code @Order}.
 */
@FunctionalInterface
public interface CoordinationNodeCustomizer {

	/**
	 * Customizes the node.
	 * @param builder the node's builder, configured from the {@code coordination.*} properties
	 */
	void customize(CoordinationNode.Builder builder);

}
