package io.coordination.config;

import java.time.Instant;

/**
 * One version of a configuration document. Versions are never rewritten: a rollback is a new version.
 *
 * @param application application
 * @param profile profile
 * @param version version number, from 1
 * @param format format
 * @param content the whole document
 * @param author who made it
 * @param time when it was committed (log time)
 * @param message why
 * @param rolledBackTo the version whose content it restores, or 0
 * @param status what it is now
 */
public record ConfigVersion(String application, String profile, long version, ConfigFormat format, String content,
		String author, Instant time, String message, long rolledBackTo, Status status) {

	/**
	 * Status of a version.
	 */
	public enum Status {

		/** Effective for every instance not targeted by a rollout. */
		ACTIVE,

		/** Effective only for the instances a staged rollout targets. */
		CANDIDATE,

		/** Was active or candidate, replaced by a later version. */
		SUPERSEDED,

		/** Its staged rollout was aborted: it never became active. */
		ABORTED

	}

}
