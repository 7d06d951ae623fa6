package io.coordination.config;

/**
 * Formats of configuration documents.
 */
public enum ConfigFormat {

	/** {@code key=value} lines, as in {@code application.properties}. */
	PROPERTIES,

	/** YAML, as in {@code application.yml}. */
	YAML

}
