package io.coordination.sidecar.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.coordination.Coordination;
import io.coordination.config.ConfigChange;
import io.coordination.config.ConfigFormat;
import io.coordination.config.ConfigStore;
import io.coordination.config.Rollout;
import io.coordination.sidecar.web.ApiException;
import io.coordination.sidecar.web.Validation;

/**
 * Request bodies of the configuration API, and their checks: every bad value is refused naming its field, before
 * anything is written.
 */
public final class ConfigRequests {

	/** Longest author. */
	static final int MAX_AUTHOR = 256;

	/** Longest message. */
	static final int MAX_MESSAGE = 4096;

	/** Most documents changed at once. */
	static final int MAX_CHANGES = 64;

	/** Longest value of a rollout label. */
	static final int MAX_LABEL_VALUE = 4096;

	/** Most versions kept. */
	static final int MAX_HISTORY = 1000;

	private ConfigRequests() {
	}

	/**
	 * A new version of the document in the path.
	 *
	 * @param format {@code PROPERTIES} or {@code YAML}
	 * @param content the whole document (may be empty)
	 * @param expectedVersion the version it is based on (0: the document must not exist yet), or {@code null}
	 * @param author who makes it
	 * @param message why
	 */
	public record Change(String format, String content, Long expectedVersion, String author, String message) {

		ConfigChange toChange(String application, String profile) {
			return ConfigRequests.change("", application, profile, this.format, this.content, this.expectedVersion,
					this.author, this.message);
		}

	}

	/**
	 * A new version of a named document, in a multi-document change or a rollout.
	 *
	 * @param application application
	 * @param profile profile
	 * @param format {@code PROPERTIES} or {@code YAML}
	 * @param content the whole document (may be empty)
	 * @param expectedVersion the version it is based on (0: the document must not exist yet), or {@code null}
	 * @param author who makes it
	 * @param message why
	 */
	public record DocumentChange(String application, String profile, String format, String content,
			Long expectedVersion, String author, String message) {
	}

	/**
	 * Changes applied atomically.
	 *
	 * @param changes the changes, at most one per document
	 */
	public record Changes(List<DocumentChange> changes) {

		List<ConfigChange> toChanges() {
			return ConfigRequests.changes(this.changes);
		}

	}

	/**
	 * Changes staged for some instances first.
	 *
	 * @param changes the changes, at most one per document
	 * @param rollout who gets them first
	 */
	public record Staging(List<DocumentChange> changes, Target rollout) {

		List<ConfigChange> toChanges() {
			return ConfigRequests.changes(this.changes);
		}

		Rollout toRollout() {
			if (this.rollout == null) {
				throw ApiException.invalid("rollout",
						"'rollout' is required: a percentage, instanceIds and/or labels of the instances to reach first");
			}
			return this.rollout.toRollout();
		}

	}

	/**
	 * Who a staged change reaches first: any instance matching one of the three.
	 *
	 * @param percentage 0 to 100 of the instances (by a stable hash of their id)
	 * @param instanceIds instances by id
	 * @param labels labels an instance must all carry
	 */
	public record Target(Integer percentage, Set<String> instanceIds, Map<String, String> labels) {

		Rollout toRollout() {
			int percent = (this.percentage != null) ? this.percentage : 0;
			if (percent < 0 || percent > 100) {
				throw ApiException.invalid("rollout.percentage",
						"Rollout percentage must be between 0 and 100: " + percent);
			}
			Set<String> ids = (this.instanceIds != null) ? this.instanceIds : Set.of();
			for (String id : ids) {
				if (id == null || id.isEmpty()) {
					throw ApiException.invalid("rollout.instanceIds", "instance ids must not be empty");
				}
				Validation.name("rollout.instanceIds", id);
			}
			Map<String, String> targeted = (this.labels != null) ? this.labels : Map.of();
			targeted.forEach((key, value) -> {
				if (key.isEmpty() || value == null) {
					throw ApiException.invalid("rollout.labels", "labels need a non-empty key and a value: '" + key
							+ "'");
				}
				if (key.length() > Coordination.MAX_NAME_LENGTH || value.length() > MAX_LABEL_VALUE) {
					throw ApiException.invalid("rollout.labels", "label '" + key.substring(0, Math.min(32,
							key.length())) + "' is too long (keys up to " + Coordination.MAX_NAME_LENGTH
							+ " characters, values up to " + MAX_LABEL_VALUE + ")");
				}
			});
			return new Rollout(percent, ids, targeted);
		}

	}

	/**
	 * A rollback.
	 *
	 * @param version the kept version whose content becomes a new version
	 * @param author who rolls back
	 * @param message why
	 */
	public record Rollback(Long version, String author, String message) {

		long checkedVersion() {
			if (this.version == null) {
				throw ApiException.invalid("version", "'version' is required: the kept version to restore");
			}
			// a version below 1 is not kept: the cluster says so, in its own words
			ConfigRequests.author("author", this.author);
			ConfigRequests.message("message", this.message);
			return this.version;
		}

	}

	/**
	 * Who promotes or aborts a rollout.
	 *
	 * @param author who
	 */
	public record Author(String author) {
	}

	/**
	 * Settings of a document.
	 *
	 * @param schema a JSON Schema every version must satisfy, or {@code null} for none
	 * @param historyLimit versions kept, 1 to 1000 (default 50)
	 */
	public record Settings(String schema, Integer historyLimit) {

		int checkedHistoryLimit() {
			int limit = (this.historyLimit != null) ? this.historyLimit : ConfigStore.DEFAULT_HISTORY_LIMIT;
			if (limit < 1 || limit > MAX_HISTORY) {
				throw ApiException.invalid("historyLimit",
						"historyLimit must be between 1 and " + MAX_HISTORY + ": " + limit);
			}
			if (this.schema != null && this.schema.length() > ConfigChange.MAX_CONTENT_LENGTH) {
				throw ApiException.invalid("schema",
						"schema is longer than " + ConfigChange.MAX_CONTENT_LENGTH + " characters");
			}
			return limit;
		}

	}

	static List<ConfigChange> changes(List<DocumentChange> changes) {
		if (changes == null || changes.isEmpty()) {
			throw ApiException.invalid("changes", "At least one configuration change is needed");
		}
		if (changes.size() > MAX_CHANGES) {
			throw ApiException.invalid("changes",
					"At most " + MAX_CHANGES + " documents change at once, not " + changes.size());
		}
		List<ConfigChange> result = new ArrayList<>();
		Set<String> documents = new HashSet<>();
		for (int i = 0; i < changes.size(); i++) {
			String prefix = "changes[" + i + "].";
			DocumentChange change = changes.get(i);
			if (change == null) {
				throw ApiException.invalid("changes[" + i + "]", "a change must not be null");
			}
			ConfigChange checked = change(prefix, change.application(), change.profile(), change.format(),
					change.content(), change.expectedVersion(), change.author(), change.message());
			if (!documents.add(checked.application() + "/" + checked.profile())) {
				throw ApiException.invalid("changes[" + i + "]", "Document '" + checked.application() + "/"
						+ checked.profile() + "' appears twice");
			}
			result.add(checked);
		}
		return result;
	}

	static ConfigChange change(String prefix, String application, String profile, String format, String content,
			Long expectedVersion, String author, String message) {
		Segments.check(prefix + "application", "application", application);
		Segments.check(prefix + "profile", "profile", profile);
		ConfigFormat parsed = format(prefix + "format", format);
		if (content == null) {
			throw ApiException.invalid(prefix + "content", "'content' is required (the whole document; it may be empty)");
		}
		if (content.length() > ConfigChange.MAX_CONTENT_LENGTH) {
			throw ApiException.invalid(prefix + "content", "content of '" + application + "/" + profile
					+ "' is longer than " + ConfigChange.MAX_CONTENT_LENGTH + " characters");
		}
		if (expectedVersion != null && expectedVersion < 0) {
			throw ApiException.invalid(prefix + "expectedVersion",
					"expectedVersion must not be negative: " + expectedVersion);
		}
		author(prefix + "author", author);
		message(prefix + "message", message);
		return new ConfigChange(application, profile, parsed, content, expectedVersion, author, message);
	}

	static ConfigFormat format(String field, String format) {
		if (format == null || format.isBlank()) {
			throw ApiException.invalid(field, "'format' is required: PROPERTIES or YAML");
		}
		return switch (format.trim().toUpperCase(Locale.ROOT)) {
			case "PROPERTIES" -> ConfigFormat.PROPERTIES;
			case "YAML", "YML" -> ConfigFormat.YAML;
			default -> throw ApiException.invalid(field, "format must be PROPERTIES or YAML, not '" + format + "'");
		};
	}

	static String author(String field, String author) {
		if (author != null && author.length() > MAX_AUTHOR) {
			throw ApiException.invalid(field, "author is longer than " + MAX_AUTHOR + " characters");
		}
		return author;
	}

	static String message(String field, String message) {
		if (message != null && message.length() > MAX_MESSAGE) {
			throw ApiException.invalid(field, "message is longer than " + MAX_MESSAGE + " characters");
		}
		return message;
	}

	/**
	 * Parses the id of the last event a reconnecting client saw: a revision, or 0 (none).
	 * @param field the header
	 * @param text the id, or {@code null}
	 * @return the revision
	 */
	static long lastEventId(String field, String text) {
		if (text == null || text.isBlank()) {
			return 0;
		}
		try {
			long revision = Long.parseLong(text.trim());
			if (revision >= 0) {
				return revision;
			}
		}
		catch (NumberFormatException ex) {
			// refused below
		}
		throw ApiException.invalid(field, "'" + field + "' must be the id of an event of this stream, not '" + text
				+ "'");
	}

	/**
	 * Parses instance labels: {@code key:value} pairs separated by commas; a comma, colon or percent sign inside a key
	 * or value is percent-encoded ({@code %2C}, {@code %3A}, {@code %25}).
	 * @param field the parameter
	 * @param text the labels, or {@code null}
	 * @return the labels
	 */
	static Map<String, String> labels(String field, String text) {
		Map<String, String> labels = new LinkedHashMap<>();
		if (text == null || text.isBlank()) {
			return labels;
		}
		for (String pair : text.split(",", -1)) {
			int colon = pair.indexOf(':');
			if (colon <= 0) {
				throw ApiException.invalid(field, "labels are key:value pairs separated by commas, not '" + pair + "'");
			}
			String key = decode(field, pair.substring(0, colon));
			String value = decode(field, pair.substring(colon + 1));
			if (labels.put(key, value) != null) {
				throw ApiException.invalid(field, "label '" + key + "' appears twice");
			}
		}
		return labels;
	}

	private static String decode(String field, String text) {
		try {
			return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.invalid(field, "bad percent-encoding in '" + text + "'");
		}
	}

}
