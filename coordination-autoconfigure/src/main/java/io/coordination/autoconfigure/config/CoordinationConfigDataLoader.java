package io.coordination.autoconfigure.config;

import java.time.Duration;
import java.util.List;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import org.apache.commons.logging.Log;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.boot.bootstrap.BootstrapRegistry.InstanceSupplier;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.context.config.ConfigData;
import org.springframework.boot.context.config.ConfigDataLoader;
import org.springframework.boot.context.config.ConfigDataLoaderContext;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.context.ConfigurableApplicationContext;

import io.coordination.Coordination;
import io.coordination.CoordinationUnavailableException;
import io.coordination.autoconfigure.CoordinationNodes;
import io.coordination.autoconfigure.CoordinationProperties;
import io.coordination.autoconfigure.SidecarConnection;
import io.coordination.autoconfigure.SidecarTls;
import io.coordination.config.ConfigFormat;
import io.coordination.config.EffectiveConfig;
import io.coordination.core.CoordinationNode;

/**
 * Loads configuration documents from the cluster while the environment is prepared. The embedded node is started
 * here, before the application context exists, and handed to the context as its {@code coordinationNode} bean.
 */
public final class CoordinationConfigDataLoader implements ConfigDataLoader<CoordinationConfigDataResource> {

	private final Log logger;

	/**
	 * Creates the loader; Boot supplies a log whose output waits for the logging system.
	 * @param logs deferred logs
	 */
	public CoordinationConfigDataLoader(DeferredLogFactory logs) {
		this.logger = logs.getLog(CoordinationConfigDataLoader.class);
	}

	@Override
	public ConfigData load(ConfigDataLoaderContext context, CoordinationConfigDataResource resource) {
		Client client = client(context.getBootstrapContext(), this.logger);
		long started = System.nanoTime();
		try {
			ConfigImportProperties settings = context.getBootstrapContext().get(ConfigImportProperties.class);
			String instanceId = (settings.getInstanceId() != null) ? settings.getInstanceId()
					: client.coordination().session().memberId();
			// A cluster still forming answers "unavailable" for a moment: retried within the start timeout.
			Duration startTimeout = context.getBootstrapContext().get(CoordinationProperties.class).getStartTimeout();
			Retry retry = Retry.of("coordination-config-import", RetryConfig.custom()
				.maxAttempts(Integer.MAX_VALUE)
				.intervalFunction(IntervalFunction.ofExponentialBackoff(Duration.ofMillis(200), 2, Duration.ofSeconds(2)))
				.retryOnException((error) -> error instanceof CoordinationUnavailableException
						&& System.nanoTime() - started < startTimeout.toNanos())
				.build());
			// A document without a version yet is imported empty, so that its first version is applied live.
			EffectiveConfig config = retry.executeSupplier(() -> client.coordination()
				.config()
				.effective(resource.application(), resource.profile(), instanceId, settings.getLabels()))
				.orElseGet(() -> new EffectiveConfig(resource.application(), resource.profile(), 0,
						ConfigFormat.PROPERTIES, "", false));
			this.logger.info("Imported configuration " + resource + ((config.version() == 0) ? " (no version yet)"
					: " version " + config.version() + (config.candidate() ? " (staged rollout)" : "")));
			return new ConfigData(List.of(CoordinationPropertySource.of(config)));
		}
		catch (RuntimeException ex) {
			// the application will not start: nothing else would close the client
			client.close().run();
			throw ex;
		}
	}

	/**
	 * What imports the configuration, and the bean the application context takes it over as.
	 *
	 * @param coordination the client
	 * @param beanName the bean's name
	 * @param bean the bean
	 * @param close closes it
	 */
	private record Client(Coordination coordination, String beanName, Object bean, Runnable close) {
	}

	private static Client client(ConfigurableBootstrapContext bootstrap, Log logger) {
		if (!bootstrap.isRegistered(Client.class)) {
			CoordinationProperties properties = bootstrap.get(CoordinationProperties.class);
			Client client;
			if (properties.getMode() == CoordinationProperties.Mode.SIDECAR) {
				SidecarConnection connection = new SidecarConnection(CoordinationNodes.sidecarClient(properties,
						SidecarTls.from(bootstrap.get(SslProperties.Bundles.class))));
				logger.info("Using the coordination sidecar at " + properties.getSidecar().getUrl()
						+ ", early for configuration import");
				client = new Client(connection.client(), "coordinationSidecarConnection", connection,
						connection::close);
			}
			else {
				client = Embedded.start(properties, logger);
			}
			bootstrap.register(Client.class, InstanceSupplier.of(client));
			bootstrap.addCloseListener((event) -> adopt(event.getApplicationContext(), client, properties));
		}
		return bootstrap.get(Client.class);
	}

	/**
	 * The embedded node, in a class of its own: a sidecar-mode application may leave coordination-core (and Atomix)
	 * out of its class path.
	 */
	private static final class Embedded {

		static Client start(CoordinationProperties properties, Log logger) {
			CoordinationNode node = CoordinationNodes.builder(properties).build().start();
			// the node's own start-up log is swallowed while Boot has not initialized logging yet
			logger.info(node.describe() + ", early for configuration import");
			return new Client(node.coordination(), "coordinationNode", node, node::close);
		}

	}

	/**
	 * Hands the node (or sidecar client) to the application context, unless its settings took other values after it
	 * started (in a profile-specific file, say): a node started with the wrong members would be a cluster of its own.
	 */
	private static void adopt(ConfigurableApplicationContext context, Client client, CoordinationProperties started) {
		CoordinationProperties current = Binder.get(context.getEnvironment())
			.bindOrCreate("coordination", CoordinationProperties.class);
		List<String> differences = CoordinationNodes.differences(started, current);
		if (!differences.isEmpty()) {
			client.close().run();
			throw new IllegalStateException("The coordination node was started for spring.config.import=coordination: "
					+ "with settings that changed once the environment was complete " + differences
					+ ". Put coordination.* node settings where the import is declared, not in profile-specific "
					+ "files or imported documents.");
		}
		ConfigurableListableBeanFactory beans = context.getBeanFactory();
		beans.registerSingleton(client.beanName(), client.bean());
		((DefaultSingletonBeanRegistry) beans).registerDisposableBean(client.beanName(), client.close()::run);
	}

}
