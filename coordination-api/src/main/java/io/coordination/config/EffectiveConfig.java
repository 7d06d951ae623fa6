package io.coordination.config;

/**
 * The version of a document that applies to one instance.
 *
 * @param application application
 * @param profile profile
 * @param version the version
 * @param format its format
 * @param content its content
 * @param candidate whether it is a staged candidate (the instance is targeted by a rollout)
 */
public record EffectiveConfig(String application, String profile, long version, ConfigFormat format,
		String content, boolean candidate) {
}
