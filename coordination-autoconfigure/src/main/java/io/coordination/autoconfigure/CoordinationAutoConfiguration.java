package io.coordination.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.coordination.Coordination;
import io.coordination.CoordinationInspector;
import io.coordination.cluster.ClusterView;
import io.coordination.config.ConfigStore;
import io.coordination.core.CoordinationNode;
import io.coordination.discovery.ServiceRegistry;
import io.coordination.kv.KeyValueStore;

/**
 * The embedded coordination node and the {@link Coordination} entry point, plus beans for the stores reached through
 * it. With no properties: a single-node Raft cluster with its data in {@code coordination-data/} under the working
 * directory.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "coordination.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CoordinationProperties.class)
public final class CoordinationAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean({ CoordinationNode.class, Coordination.class })
	CoordinationNode coordinationNode(CoordinationProperties properties,
			ObjectProvider<CoordinationNodeCustomizer> customizers) {
		CoordinationNode.Builder builder = CoordinationNodes.builder(properties);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build().start();
	}

	@Bean(destroyMethod = "")
	@ConditionalOnMissingBean
	Coordination coordination(CoordinationNode node) {
		return node.coordination();
	}

	@Bean
	@ConditionalOnMissingBean
	KeyValueStore coordinationKeyValueStore(Coordination coordination) {
		return coordination.keyValue();
	}

	@Bean
	@ConditionalOnMissingBean
	ConfigStore coordinationConfigStore(Coordination coordination) {
		return coordination.config();
	}

	@Bean
	@ConditionalOnMissingBean
	ServiceRegistry coordinationServiceRegistry(Coordination coordination) {
		return coordination.discovery();
	}

	@Bean
	@ConditionalOnMissingBean
	CoordinationInspector coordinationInspector(Coordination coordination) {
		return coordination.inspector();
	}

	@Bean
	@ConditionalOnMissingBean
	ClusterView coordinationClusterView(Coordination coordination) {
		return coordination.cluster();
	}

}
