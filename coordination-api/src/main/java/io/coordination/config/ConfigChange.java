package io.coordination.config;

import java.util.Objects;

/**
 * A new content for one configuration document.
 *
 * @param application application name
 * @param profile profile ({@code default} when there is none)
 * @param format format of the content
 * @param content the whole document
 * @param expectedVersion the current version the author based the change on (optimistic concurrency), or
 * {@code null} to apply whatever the current version is; 0 means the document must not exist yet
 * @param author who makes the change
 * @param message why
 */
public record ConfigChange(String application, String profile, ConfigFormat format, String content,
		Long expectedVersion, String author, String message) {

	/** Largest document, in characters. */
	public static final int MAX_CONTENT_LENGTH = 256 * 1024;

	/**
	 * Validates the components.
	 * @param application application
	 * @param profile profile
	 * @param format format
	 * @param content content
	 * @param expectedVersion expected version or {@code null}
	 * @param author author
	 * @param message message
	 */
	public ConfigChange {
		Objects.requireNonNull(application, "application");
		Objects.requireNonNull(profile, "profile");
		Objects.requireNonNull(format, "format");
		Objects.requireNonNull(content, "content");
		author = (author != null) ? author : "unknown";
		message = (message != null) ? message : "";
	}

	/**
	 * A change without version condition.
	 * @param application application
	 * @param profile profile
	 * @param format format
	 * @param content content
	 * @param author author
	 * @param message message
	 * @return the change
	 */
	public static ConfigChange of(String application, String profile, ConfigFormat format, String content,
			String author, String message) {
		return new ConfigChange(application, profile, format, content, null, author, message);
	}

	/**
	 * This change, applied only if the document is at a version.
	 * @param version the version (0: the document must not exist)
	 * @return the change
	 */
	public ConfigChange basedOn(long version) {
		return new ConfigChange(this.application, this.profile, this.format, this.content, version, this.author,
				this.message);
	}

}
