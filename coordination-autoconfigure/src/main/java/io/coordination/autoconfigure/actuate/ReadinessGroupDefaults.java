package io.coordination.autoconfigure.actuate;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Puts the {@code coordination} health contributor in the readiness group by default (an instance without a quorum
 * should not receive traffic), unless the application defines the group's members itself or sets
 * {@code coordination.health.readiness=false}.
 */
public class ReadinessGroupDefaults implements EnvironmentPostProcessor {

	static final String INCLUDE = "management.endpoint.health.group.readiness.include";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		boolean wanted = environment.getProperty("coordination.health.readiness", Boolean.class, true)
				&& environment.getProperty("coordination.enabled", Boolean.class, true)
				&& environment.getProperty("management.health.coordination.enabled", Boolean.class, true);
		if (wanted && !environment.containsProperty(INCLUDE)) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("coordinationReadinessDefaults",
						Map.of(INCLUDE, "readinessState,coordination")));
		}
	}

}
