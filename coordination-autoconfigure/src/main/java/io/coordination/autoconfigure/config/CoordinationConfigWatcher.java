package io.coordination.autoconfigure.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

import io.coordination.Coordination;
import io.coordination.config.EffectiveConfig;

/**
 * Keeps the configuration imported with {@code spring.config.import=coordination:} up to date: watches each imported
 * document for this instance, swaps in the new properties when the effective version changes (a change, a rollback,
 * a rollout reaching this instance), then lets the {@link ConfigRefresher} update beans and publishes a
 * {@link CoordinationConfigChangedEvent}.
 */
public class CoordinationConfigWatcher implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(CoordinationConfigWatcher.class);

	private final ConfigurableEnvironment environment;

	private final ObjectProvider<Coordination> coordination;

	private final ConfigImportProperties settings;

	private final ObjectProvider<ConfigRefresher> refreshers;

	private final ApplicationEventPublisher events;

	private final List<AutoCloseable> watches = new ArrayList<>();

	private volatile boolean running;

	/**
	 * Creates the watcher.
	 * @param environment the environment holding the imported property sources
	 * @param coordination the entry point
	 * @param settings instance id and labels
	 * @param refreshers apply changes to beans
	 * @param events publishes the change events
	 */
	public CoordinationConfigWatcher(ConfigurableEnvironment environment, ObjectProvider<Coordination> coordination,
			ConfigImportProperties settings, ObjectProvider<ConfigRefresher> refreshers,
			ApplicationEventPublisher events) {
		this.environment = environment;
		this.coordination = coordination;
		this.settings = settings;
		this.refreshers = refreshers;
		this.events = events;
	}

	@Override
	public void start() {
		Coordination client = this.coordination.getObject();
		String instanceId = (this.settings.getInstanceId() != null) ? this.settings.getInstanceId()
				: client.session().memberId();
		for (PropertySource<?> source : this.environment.getPropertySources()) {
			if (source instanceof CoordinationPropertySource imported) {
				EffectiveConfig loaded = imported.config();
				this.watches.add(client.config()
					.watch(loaded.application(), loaded.profile(), instanceId, this.settings.getLabels(),
							this::changed));
			}
		}
		this.running = true;
	}

	private synchronized void changed(EffectiveConfig config) {
		String name = CoordinationPropertySource.name(config.application(), config.profile());
		PropertySource<?> current = this.environment.getPropertySources().get(name);
		if (!(current instanceof CoordinationPropertySource previous) || previous.config().equals(config)) {
			return;
		}
		CoordinationPropertySource next;
		try {
			next = CoordinationPropertySource.of(config);
		}
		catch (RuntimeException ex) {
			logger.error("Cannot apply version " + config.version() + " of configuration '" + name + "': " + ex);
			return;
		}
		this.environment.getPropertySources().replace(name, next);
		Set<String> changed = changedKeys(previous.getSource(), next.getSource());
		logger.info("Configuration '" + name + "' is now version " + config.version()
				+ (config.candidate() ? " (staged rollout)" : "") + "; changed: " + changed);
		this.refreshers.orderedStream().forEach((refresher) -> refresher.refresh(changed));
		this.events.publishEvent(new CoordinationConfigChangedEvent(this, config, changed));
	}

	private static Set<String> changedKeys(Map<String, Object> before, Map<String, Object> after) {
		Set<String> keys = new HashSet<>(before.keySet());
		keys.addAll(after.keySet());
		keys.removeIf((key) -> Objects.equals(before.get(key), after.get(key)));
		return keys;
	}

	@Override
	public void stop() {
		this.running = false;
		for (AutoCloseable watch : this.watches) {
			try {
				watch.close();
			}
			catch (Exception ex) {
				logger.debug("Stopping a configuration watch: " + ex);
			}
		}
		this.watches.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
