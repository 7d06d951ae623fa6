package io.coordination.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.coordination.Coordination;
import io.coordination.autoconfigure.diagnostics.MissingCoordinationCoreException;
import io.coordination.CoordinationInspector;
import io.coordination.cluster.ClusterView;
import io.coordination.config.ConfigStore;
import io.coordination.core.CoordinationNode;
import io.coordination.discovery.ServiceRegistry;
import io.coordination.kv.KeyValueStore;

/**
 * The {@link Coordination} entry point, plus beans for the stores reached through it: an embedded node (with no
 * properties, a single-node Raft cluster with its data in {@code coordination-data/} under the working directory),
 * or, with {@code coordination.mode=sidecar}, the HTTP client of a coordination sidecar. A sidecar-mode application
 * may leave {@code coordination-core} (Atomix, Netty, Kryo) out of its class path.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "coordination.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CoordinationProperties.class)
public final class CoordinationAutoConfiguration {

	private static final String CORE = "io.coordination.core.CoordinationNode";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "coordination.mode", havingValue = "embedded", matchIfMissing = true)
	@ConditionalOnClass(name = CORE)
	static class EmbeddedConfiguration {

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean({ CoordinationNode.class, Coordination.class })
		CoordinationNode coordinationNode(CoordinationProperties properties,
				ObjectProvider<CoordinationNodeCustomizer> customizers, ObjectProvider<SslBundles> sslBundles) {
			CoordinationNode.Builder builder = CoordinationNodes.builder(properties,
					(name) -> sslBundles.getObject().getBundle(name));
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder.build().start();
		}

		@Bean(destroyMethod = "")
		@ConditionalOnMissingBean
		Coordination coordination(CoordinationNode node) {
			return node.coordination();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "coordination.mode", havingValue = "embedded", matchIfMissing = true)
	@ConditionalOnMissingClass(CORE)
	static class NoCoreConfiguration {

		@Bean(destroyMethod = "")
		@ConditionalOnMissingBean
		Coordination coordination() {
			throw new MissingCoordinationCoreException();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "coordination.mode", havingValue = "sidecar")
	static class SidecarConfiguration {

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean({ SidecarConnection.class, Coordination.class })
		SidecarConnection coordinationSidecarConnection(CoordinationProperties properties,
				ObjectProvider<SslBundles> sslBundles) {
			return new SidecarConnection(CoordinationNodes.sidecarClient(properties,
					(name) -> SidecarTls.from(sslBundles.getObject()).apply(name)));
		}

		@Bean(destroyMethod = "")
		@ConditionalOnMissingBean
		Coordination coordination(SidecarConnection connection) {
			return connection.client();
		}

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
