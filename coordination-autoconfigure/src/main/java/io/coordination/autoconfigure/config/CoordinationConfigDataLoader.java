package io.coordination.autoconfigure.config;

import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.bootstrap.BootstrapRegistry.InstanceSupplier;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.context.config.ConfigData;
import org.springframework.boot.context.config.ConfigDataLoader;
import org.springframework.boot.context.config.ConfigDataLoaderContext;
import org.springframework.boot.context.config.ConfigDataResourceNotFoundException;

import io.coordination.autoconfigure.CoordinationNodes;
import io.coordination.autoconfigure.CoordinationProperties;
import io.coordination.config.EffectiveConfig;
import io.coordination.core.CoordinationNode;

/**
 * Loads configuration documents from the cluster while the environment is prepared. The embedded node is started
 * here, before the application context exists, and handed to the context as its {@code coordinationNode} bean.
 */
public final class CoordinationConfigDataLoader implements ConfigDataLoader<CoordinationConfigDataResource> {

	@Override
	public ConfigData load(ConfigDataLoaderContext context, CoordinationConfigDataResource resource) {
		CoordinationNode node = node(context.getBootstrapContext());
		ConfigImportProperties settings = context.getBootstrapContext().get(ConfigImportProperties.class);
		String instanceId = (settings.getInstanceId() != null) ? settings.getInstanceId() : node.memberId();
		Optional<EffectiveConfig> config = node.coordination()
			.config()
			.effective(resource.application(), resource.profile(), instanceId, settings.getLabels());
		if (config.isEmpty()) {
			// ignored by Boot for optional:coordination: and for profile documents
			throw new ConfigDataResourceNotFoundException(resource);
		}
		return new ConfigData(List.of(CoordinationPropertySource.of(config.get())));
	}

	private static CoordinationNode node(ConfigurableBootstrapContext bootstrap) {
		if (!bootstrap.isRegistered(CoordinationNode.class)) {
			CoordinationProperties properties = bootstrap.get(CoordinationProperties.class);
			CoordinationNode node = CoordinationNodes.builder(properties).build().start();
			bootstrap.register(CoordinationNode.class, InstanceSupplier.of(node));
			bootstrap.addCloseListener((event) -> {
				ConfigurableListableBeanFactory beans = event.getApplicationContext().getBeanFactory();
				beans.registerSingleton("coordinationNode", node);
				((DefaultSingletonBeanRegistry) beans).registerDisposableBean("coordinationNode", node::close);
			});
		}
		return bootstrap.get(CoordinationNode.class);
	}

}
