package io.coordination.config;

/**
 * A configuration document: its active version, a staged candidate, and its settings.
 *
 * @param application application
 * @param profile profile
 * @param active the version effective for every instance not targeted by a rollout (null if none yet)
 * @param candidate the staged version, or {@code null}
 * @param rollout who the candidate reaches, or {@code null}
 * @param schema JSON Schema every version must satisfy, or {@code null}
 * @param historyLimit how many versions are kept
 */
public record ConfigDocument(String application, String profile, ConfigVersion active, ConfigVersion candidate,
		Rollout rollout, String schema, int historyLimit) {
}
