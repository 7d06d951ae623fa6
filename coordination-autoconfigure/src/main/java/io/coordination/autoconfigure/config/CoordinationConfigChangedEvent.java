package io.coordination.autoconfigure.config;

import java.util.Set;

import org.springframework.context.ApplicationEvent;

import io.coordination.config.EffectiveConfig;

/**
 * An imported configuration document changed on the cluster and the environment now has its new properties. With
 * Spring Cloud Context present, {@code @ConfigurationProperties} beans have been rebound and {@code @RefreshScope}
 * beans refreshed before this event.
 */
public class CoordinationConfigChangedEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final transient EffectiveConfig config;

	private final Set<String> changedKeys;

	/**
	 * Creates the event.
	 * @param source the publisher
	 * @param config the version now in the environment
	 * @param changedKeys the properties added, removed or changed
	 */
	public CoordinationConfigChangedEvent(Object source, EffectiveConfig config, Set<String> changedKeys) {
		super(source);
		this.config = config;
		this.changedKeys = Set.copyOf(changedKeys);
	}

	/**
	 * The version now in the environment.
	 * @return the configuration
	 */
	public EffectiveConfig getConfig() {
		return this.config;
	}

	/**
	 * The properties added, removed or changed.
	 * @return the keys
	 */
	public Set<String> getChangedKeys() {
		return this.changedKeys;
	}

}
