package io.coordination.autoconfigure.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

import io.coordination.config.ConfigFormat;
import io.coordination.config.EffectiveConfig;

/**
 * The properties of one configuration document, named {@code coordination:<application>/<profile>}, with the version
 * they come from.
 */
public final class CoordinationPropertySource extends MapPropertySource {

	private final EffectiveConfig config;

	private CoordinationPropertySource(EffectiveConfig config, Map<String, Object> properties) {
		super(name(config.application(), config.profile()), properties);
		this.config = config;
	}

	/**
	 * The name of a document's property source.
	 * @param application application
	 * @param profile profile
	 * @return the name
	 */
	public static String name(String application, String profile) {
		return "coordination:" + application + "/" + profile;
	}

	/**
	 * Parses a document the way Spring Boot parses {@code application.properties} and {@code application.yml}.
	 * @param config the document version
	 * @return the property source
	 */
	public static CoordinationPropertySource of(EffectiveConfig config) {
		ByteArrayResource resource = new ByteArrayResource(config.content().getBytes(StandardCharsets.UTF_8),
				name(config.application(), config.profile()) + " version " + config.version());
		List<PropertySource<?>> documents;
		try {
			documents = (config.format() == ConfigFormat.YAML)
					? new YamlPropertySourceLoader().load(resource.getDescription(), resource)
					: new PropertiesPropertySourceLoader().load(resource.getDescription(), resource);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + resource.getDescription(), ex);
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		for (PropertySource<?> document : documents) {
			if (document instanceof EnumerablePropertySource<?> enumerable) {
				for (String key : enumerable.getPropertyNames()) {
					properties.put(key, enumerable.getProperty(key));
				}
			}
		}
		return new CoordinationPropertySource(config, properties);
	}

	/**
	 * The version these properties come from.
	 * @return the effective configuration
	 */
	public EffectiveConfig config() {
		return this.config;
	}

}
