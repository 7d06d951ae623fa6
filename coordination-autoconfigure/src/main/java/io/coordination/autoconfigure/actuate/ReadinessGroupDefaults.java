package io.coordination.autoconfigure.actuate;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Puts the {@code coordination} health contributor in the readiness group by default (an instance without a quorum
 * should not receive traffic), unless the application defines the group's members itself, turns the probes or the
 * coordination health contributor off, or sets {@code coordination.health.readiness=false}.
 */
public class ReadinessGroupDefaults implements EnvironmentPostProcessor {

	static final String INCLUDE = "management.endpoint.health.group.readiness.include";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		boolean healthDefaults = environment.getProperty("management.health.defaults.enabled", Boolean.class, true);
		// the group may only name contributors that exist, or the application does not start
		boolean wanted = environment.getProperty("coordination.health.readiness", Boolean.class, true)
				&& environment.getProperty("coordination.enabled", Boolean.class, true)
				&& environment.getProperty("management.endpoint.health.probes.enabled", Boolean.class, true)
				&& environment.getProperty("management.health.coordination.enabled", Boolean.class, healthDefaults);
		if (wanted && !environment.containsProperty(INCLUDE)) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("coordinationReadinessDefaults",
						Map.of(INCLUDE, "readinessState,coordination")));
		}
	}

}
