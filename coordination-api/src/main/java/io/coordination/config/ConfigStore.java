package io.coordination.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Versioned configuration documents per application and profile: history, rollback, validation before commit,
 * atomic multi-document changes, and staged rollout.
 * <p>
 * Every change is a new version with author, time (log time) and message; the last {@code historyLimit} versions
 * are kept (default {@value #DEFAULT_HISTORY_LIMIT}). A document with a JSON Schema refuses content that violates it
 * ({@link ConfigValidationException} lists every violation; nothing is written). Properties documents are validated
 * as the nested object their dotted keys describe, with {@code true}/{@code false} and numbers as such.
 */
public interface ConfigStore {

	/** Versions kept per document unless configured otherwise. */
	int DEFAULT_HISTORY_LIMIT = 50;

	/**
	 * A document.
	 * @param application application
	 * @param profile profile
	 * @return the document, or empty if it has no version and no settings
	 */
	Optional<ConfigDocument> document(String application, String profile);

	/**
	 * The kept versions, oldest first.
	 * @param application application
	 * @param profile profile
	 * @return the versions
	 */
	List<ConfigVersion> history(String application, String profile);

	/**
	 * Applies one change to every instance.
	 * @param change the change
	 * @return the new version
	 * @throws ConfigValidationException if the content is invalid
	 * @throws io.coordination.kv.VersionConflictException if {@code expectedVersion} does not match
	 * @throws IllegalStateException if a staged rollout of the document is in progress
	 */
	ConfigVersion apply(ConfigChange change);

	/**
	 * Applies several changes atomically: all documents get their new version, or none does.
	 * @param changes the changes, at most one per document
	 * @return the new versions, in order
	 */
	List<ConfigVersion> apply(List<ConfigChange> changes);

	/**
	 * Stages changes: each becomes a candidate version effective only for the instances the rollout targets, until
	 * {@link #promote} or {@link #abort}.
	 * @param changes the changes
	 * @param rollout who gets them first
	 * @return the candidate versions
	 */
	List<ConfigVersion> stage(List<ConfigChange> changes, Rollout rollout);

	/**
	 * Makes a document's candidate the active version for everyone.
	 * @param application application
	 * @param profile profile
	 * @param author who promotes
	 * @return the now active version
	 * @throws IllegalStateException if no rollout is in progress
	 */
	ConfigVersion promote(String application, String profile, String author);

	/**
	 * Drops a document's candidate; the active version applies to everyone again.
	 * @param application application
	 * @param profile profile
	 * @param author who aborts
	 * @return the aborted version
	 * @throws IllegalStateException if no rollout is in progress
	 */
	ConfigVersion abort(String application, String profile, String author);

	/**
	 * Restores a kept version's content as a new version.
	 * @param application application
	 * @param profile profile
	 * @param version the version to restore
	 * @param author who rolls back
	 * @param message why
	 * @return the new version
	 * @throws IllegalArgumentException if the version is not kept
	 */
	ConfigVersion rollback(String application, String profile, long version, String author, String message);

	/**
	 * Sets a document's schema and history depth. The active version (if any) must satisfy the new schema.
	 * @param application application
	 * @param profile profile
	 * @param jsonSchema a JSON Schema (draft 2020-12 unless it says otherwise; no remote references), or
	 * {@code null} for none
	 * @param historyLimit versions to keep, 1 to 1000
	 */
	void configure(String application, String profile, String jsonSchema, int historyLimit);

	/**
	 * The version that applies to an instance.
	 * @param application application
	 * @param profile profile
	 * @param instanceId the instance
	 * @param labels its labels
	 * @return the effective version, or empty if the document has none
	 */
	Optional<EffectiveConfig> effective(String application, String profile, String instanceId,
			Map<String, String> labels);

	/**
	 * Delivers the effective configuration of an instance now and whenever it changes (a change, a rollback, a
	 * rollout that starts targeting it, a promotion, an abort).
	 * @param application application
	 * @param profile profile
	 * @param instanceId the instance
	 * @param labels its labels
	 * @param listener receives the configuration
	 * @return the watch; close it to stop
	 */
	AutoCloseable watch(String application, String profile, String instanceId, Map<String, String> labels,
			ConfigListener listener);

}
