package io.coordination.core.internal.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import io.coordination.InputRules;
import io.coordination.config.ConfigChange;
import io.coordination.config.ConfigDocument;
import io.coordination.config.ConfigFormat;
import io.coordination.config.ConfigStore;
import io.coordination.config.ConfigVersion;
import io.coordination.config.EffectiveConfig;
import io.coordination.config.Rollout;
import io.coordination.core.internal.protocol.Command;
import io.coordination.core.internal.protocol.ErrorCode;
import io.coordination.core.internal.protocol.Listing;
import io.coordination.core.internal.protocol.Result;
import io.coordination.kv.KeyRules;
import io.coordination.kv.KeyValue;

/**
 * Versioned configuration documents, stored in the key-value store under {@code /_config/<application>/<profile>/}:
 * a {@code head} (active and candidate versions, rollout, schema, history depth) and one key per kept version. All
 * documents of a command change at one revision, or none does.
 */
final class ConfigTable {

	static final String ROOT = "/_config/";

	private static final int MAX_HISTORY = 1000;

	private static final int MAX_MESSAGE = 4096;

	private final KvStore kv;

	private final StateContext ctx;

	ConfigTable(StateContext ctx, KvStore kv) {
		this.ctx = ctx;
		this.kv = kv;
	}

	// ---- commands

	Result apply(Command.ConfigApply command) {
		List<ConfigChange> changes = command.changes();
		if (changes == null || changes.isEmpty()) {
			throw new IllegalArgumentException("A configuration command needs at least one change");
		}
		if (changes.size() > 64) {
			throw new IllegalArgumentException("At most 64 documents change at once, not " + changes.size());
		}
		Set<String> documents = new HashSet<>();
		for (ConfigChange change : changes) {
			check(change);
			if (!documents.add(name(change.application(), change.profile()))) {
				throw new IllegalArgumentException(
						"Document '" + name(change.application(), change.profile()) + "' appears twice");
			}
		}
		List<Head> heads = new ArrayList<>();
		for (ConfigChange change : changes) {
			Head head = head(change.application(), change.profile());
			if (head.candidate != 0) {
				return Result.Failed.of(ErrorCode.ROLLOUT_STATE, "A staged rollout of '"
						+ name(change.application(), change.profile()) + "' (version " + head.candidate
						+ ") is in progress: promote or abort it first");
			}
			if (change.expectedVersion() != null && change.expectedVersion() != head.latest) {
				return new Result.Failed(ErrorCode.VERSION_CONFLICT, "Configuration '"
						+ name(change.application(), change.profile()) + "' is at version " + head.latest + ", not "
						+ change.expectedVersion(), change.expectedVersion(), head.latest, null);
			}
			List<String> violations = violations(head, change.format(), change.content());
			if (!violations.isEmpty()) {
				return invalid(name(change.application(), change.profile()), violations);
			}
			heads.add(head);
		}
		KvStore.Write write = this.kv.begin();
		List<ConfigVersion> written = new ArrayList<>();
		for (int i = 0; i < changes.size(); i++) {
			ConfigChange change = changes.get(i);
			Head head = heads.get(i);
			long version = head.latest + 1;
			StoredVersion stored = new StoredVersion(version, change.format(), change.content(), change.author(),
					this.ctx.now, change.message(), 0, false);
			head.latest = version;
			if (command.rollout() != null) {
				head.candidate = version;
				head.rollout = StoredRollout.of(command.rollout());
			}
			else {
				head.active = version;
			}
			save(write, change.application(), change.profile(), head, stored);
			written.add(stored.toVersion(change.application(), change.profile(), head));
		}
		write.commit();
		return new Result.ConfigVersions(written);
	}

	Result rollback(Command.ConfigRollback command) {
		checkDocument(command.application(), command.profile());
		String author = text("author", command.author(), 256);
		String message = text("message", command.message(), MAX_MESSAGE);
		Head head = head(command.application(), command.profile());
		if (head.candidate != 0) {
			return Result.Failed.of(ErrorCode.ROLLOUT_STATE, "A staged rollout of '"
					+ name(command.application(), command.profile()) + "' is in progress: promote or abort it first");
		}
		StoredVersion target = version(command.application(), command.profile(), command.version());
		if (target == null) {
			return Result.Failed.of(ErrorCode.NOT_FOUND, "Version " + command.version() + " of '"
					+ name(command.application(), command.profile()) + "' is not kept (kept: "
					+ keptVersions(command.application(), command.profile()) + ")");
		}
		List<String> violations = violations(head, target.format, target.content);
		if (!violations.isEmpty()) {
			return invalid(name(command.application(), command.profile()), violations);
		}
		long version = head.latest + 1;
		StoredVersion stored = new StoredVersion(version, target.format, target.content, author, this.ctx.now, message,
				target.version, false);
		head.latest = version;
		head.active = version;
		KvStore.Write write = this.kv.begin();
		save(write, command.application(), command.profile(), head, stored);
		write.commit();
		return new Result.ConfigVersions(List.of(stored.toVersion(command.application(), command.profile(), head)));
	}

	Result promote(Command.ConfigPromote command) {
		return endRollout(command.application(), command.profile(), true);
	}

	Result abort(Command.ConfigAbort command) {
		return endRollout(command.application(), command.profile(), false);
	}

	private Result endRollout(String application, String profile, boolean promote) {
		checkDocument(application, profile);
		Head head = head(application, profile);
		if (head.candidate == 0) {
			return Result.Failed.of(ErrorCode.ROLLOUT_STATE,
					"No staged rollout of '" + name(application, profile) + "' is in progress");
		}
		StoredVersion candidate = version(application, profile, head.candidate);
		KvStore.Write write = this.kv.begin();
		if (promote) {
			head.active = head.candidate;
		}
		else {
			candidate = candidate.abort();
			write.put(versionKey(application, profile, candidate.version), ConfigContent.toJson(candidate), 0, 0);
		}
		head.candidate = 0;
		head.rollout = null;
		write.put(headKey(application, profile), ConfigContent.toJson(head), 0, 0);
		write.commit();
		return new Result.ConfigVersions(List.of(candidate.toVersion(application, profile, head)));
	}

	Result configure(Command.ConfigConfigure command) {
		checkDocument(command.application(), command.profile());
		if (command.historyLimit() < 1 || command.historyLimit() > MAX_HISTORY) {
			throw new IllegalArgumentException(
					"historyLimit must be between 1 and " + MAX_HISTORY + ": " + command.historyLimit());
		}
		String document = name(command.application(), command.profile());
		if (command.schema() != null) {
			if (command.schema().length() > SchemaBounds.MAX_SCHEMA_LENGTH) {
				throw new IllegalArgumentException("Schema of '" + document + "' is longer than "
						+ SchemaBounds.MAX_SCHEMA_LENGTH + " characters");
			}
			List<String> problems = ConfigContent.checkSchema(command.schema());
			if (!problems.isEmpty()) {
				return invalid(document, problems);
			}
		}
		Head head = head(command.application(), command.profile());
		head.schema = command.schema();
		head.historyLimit = command.historyLimit();
		for (long version : new long[] { head.active, head.candidate }) {
			StoredVersion stored = (version != 0) ? version(command.application(), command.profile(), version) : null;
			if (stored != null) {
				List<String> violations = violations(head, stored.format, stored.content);
				if (!violations.isEmpty()) {
					violations.add(0, "version " + version + " in use does not satisfy the new schema");
					return invalid(document, violations);
				}
			}
		}
		KvStore.Write write = this.kv.begin();
		write.put(headKey(command.application(), command.profile()), ConfigContent.toJson(head), 0, 0);
		prune(write, command.application(), command.profile(), head);
		write.commit();
		return Result.DONE;
	}

	// ---- queries

	ConfigDocument describe(String application, String profile) {
		checkDocument(application, profile);
		KeyValue headEntry = this.kv.get(headKey(application, profile));
		if (headEntry == null) {
			return null;
		}
		Head head = ConfigContent.fromJson(headEntry.value(), Head.class);
		return new ConfigDocument(application, profile, toVersion(application, profile, head, head.active),
				toVersion(application, profile, head, head.candidate),
				(head.rollout != null) ? head.rollout.toRollout() : null, head.schema, head.historyLimit);
	}

	Listing.Versions history(String application, String profile) {
		checkDocument(application, profile);
		Head head = head(application, profile);
		List<ConfigVersion> versions = new ArrayList<>();
		for (KeyValue entry : this.kv.list(versionsPrefix(application, profile))) {
			versions.add(ConfigContent.fromJson(entry.value(), StoredVersion.class).toVersion(application, profile, head));
		}
		return new Listing.Versions(versions);
	}

	EffectiveConfig effective(String application, String profile, String instanceId, Map<String, String> labels) {
		checkDocument(application, profile);
		InputRules.name("instance", instanceId);
		return effective(application, profile, instanceId, labels, this.kv::get);
	}

	/**
	 * The version of a document effective for an instance, from the document's keys.
	 * @param application application
	 * @param profile profile
	 * @param instanceId the instance
	 * @param labels its labels
	 * @param keys looks up the document's keys
	 * @return the effective version, or {@code null} if none applies
	 */
	static EffectiveConfig effective(String application, String profile, String instanceId, Map<String, String> labels,
			java.util.function.Function<String, KeyValue> keys) {
		KeyValue headEntry = keys.apply(headKey(application, profile));
		if (headEntry == null) {
			return null;
		}
		Head head = ConfigContent.fromJson(headEntry.value(), Head.class);
		boolean targeted = head.candidate != 0 && head.rollout != null && head.rollout.toRollout()
			.targets(name(application, profile), instanceId, (labels != null) ? labels : Map.of());
		long version = targeted ? head.candidate : head.active;
		KeyValue versionEntry = (version != 0) ? keys.apply(versionKey(application, profile, version)) : null;
		if (versionEntry == null) {
			return null;
		}
		StoredVersion stored = ConfigContent.fromJson(versionEntry.value(), StoredVersion.class);
		return new EffectiveConfig(application, profile, version, stored.format, stored.content, targeted);
	}

	// ---- storage

	private void save(KvStore.Write write, String application, String profile, Head head, StoredVersion stored) {
		write.put(versionKey(application, profile, stored.version), ConfigContent.toJson(stored), 0, 0);
		write.put(headKey(application, profile), ConfigContent.toJson(head), 0, 0);
		prune(write, application, profile, head);
	}

	private void prune(KvStore.Write write, String application, String profile, Head head) {
		List<KeyValue> kept = this.kv.list(versionsPrefix(application, profile));
		int excess = kept.size() - head.historyLimit;
		for (KeyValue entry : kept) {
			if (excess <= 0) {
				break;
			}
			long version = Long.parseLong(entry.key().substring(entry.key().lastIndexOf('/') + 1));
			if (version != head.active && version != head.candidate) {
				write.delete(entry.key());
				excess--;
			}
		}
	}

	private Head head(String application, String profile) {
		KeyValue entry = this.kv.get(headKey(application, profile));
		if (entry == null) {
			Head head = new Head();
			head.historyLimit = ConfigStore.DEFAULT_HISTORY_LIMIT;
			return head;
		}
		return ConfigContent.fromJson(entry.value(), Head.class);
	}

	private StoredVersion version(String application, String profile, long version) {
		if (version <= 0) {
			return null;
		}
		KeyValue entry = this.kv.get(versionKey(application, profile, version));
		return (entry != null) ? ConfigContent.fromJson(entry.value(), StoredVersion.class) : null;
	}

	private ConfigVersion toVersion(String application, String profile, Head head, long version) {
		StoredVersion stored = version(application, profile, version);
		return (stored != null) ? stored.toVersion(application, profile, head) : null;
	}

	private List<Long> keptVersions(String application, String profile) {
		List<Long> versions = new ArrayList<>();
		for (KeyValue entry : this.kv.list(versionsPrefix(application, profile))) {
			versions.add(Long.parseLong(entry.key().substring(entry.key().lastIndexOf('/') + 1)));
		}
		return versions;
	}

	private static List<String> violations(Head head, ConfigFormat format, String content) {
		List<String> violations = new ArrayList<>();
		JsonNode tree = ConfigContent.parse(format, content, violations);
		if (tree != null && head.schema != null) {
			violations.addAll(ConfigContent.validate(head.schema, tree));
		}
		return violations;
	}

	private static Result invalid(String document, List<String> violations) {
		return new Result.Failed(ErrorCode.CONFIG_INVALID,
				"Configuration '" + document + "' is invalid; nothing was written: " + String.join("; ", violations), 0, 0,
				null, violations);
	}

	private static void check(ConfigChange change) {
		checkDocument(change.application(), change.profile());
		if (change.format() == null) {
			throw new IllegalArgumentException("format of '" + name(change.application(), change.profile())
					+ "' must be PROPERTIES or YAML");
		}
		if (change.content() == null || change.content().length() > ConfigChange.MAX_CONTENT_LENGTH) {
			throw new IllegalArgumentException("content of '" + name(change.application(), change.profile())
					+ "' must be present and at most " + ConfigChange.MAX_CONTENT_LENGTH + " characters");
		}
		if (change.expectedVersion() != null && change.expectedVersion() < 0) {
			throw new IllegalArgumentException("expectedVersion must not be negative: " + change.expectedVersion());
		}
		text("author", change.author(), 256);
		text("message", change.message(), MAX_MESSAGE);
	}

	private static void checkDocument(String application, String profile) {
		KeyRules.segment("application", application);
		KeyRules.segment("profile", profile);
	}

	private static String text(String what, String value, int max) {
		if (value == null || value.length() > max) {
			throw new IllegalArgumentException(what + " must be present and at most " + max + " characters");
		}
		return value;
	}

	static String name(String application, String profile) {
		return application + "/" + profile;
	}

	static String headKey(String application, String profile) {
		return ROOT + application + "/" + profile + "/head";
	}

	private static String versionsPrefix(String application, String profile) {
		return ROOT + application + "/" + profile + "/versions/";
	}

	static String versionKey(String application, String profile, long version) {
		return versionsPrefix(application, profile) + String.format("%010d", version);
	}

	/**
	 * The stored head of a document. Mutable, for Jackson.
	 */
	static final class Head {

		public long latest;

		public long active;

		public long candidate;

		public StoredRollout rollout;

		public String schema;

		public int historyLimit;

	}

	/**
	 * A rollout as stored: sorted, so that every replica writes the same bytes.
	 *
	 * @param percentage percentage
	 * @param instanceIds instance ids, sorted
	 * @param labels labels, sorted
	 */
	record StoredRollout(int percentage, List<String> instanceIds, java.util.TreeMap<String, String> labels) {

		static StoredRollout of(Rollout rollout) {
			return new StoredRollout(rollout.percentage(), new ArrayList<>(new java.util.TreeSet<>(rollout.instanceIds())),
					new java.util.TreeMap<>(rollout.labels()));
		}

		Rollout toRollout() {
			return new Rollout(this.percentage, Set.copyOf(this.instanceIds), this.labels);
		}

	}

	/**
	 * A stored version.
	 *
	 * @param version number
	 * @param format format
	 * @param content content
	 * @param author author
	 * @param time log time
	 * @param message message
	 * @param rolledBackTo restored version or 0
	 * @param aborted whether its rollout was aborted
	 */
	record StoredVersion(long version, ConfigFormat format, String content, String author, long time, String message,
			long rolledBackTo, boolean aborted) {

		StoredVersion abort() {
			return new StoredVersion(this.version, this.format, this.content, this.author, this.time, this.message,
					this.rolledBackTo, true);
		}

		ConfigVersion toVersion(String application, String profile, Head head) {
			ConfigVersion.Status status;
			if (this.version == head.active) {
				status = ConfigVersion.Status.ACTIVE;
			}
			else if (this.version == head.candidate) {
				status = ConfigVersion.Status.CANDIDATE;
			}
			else if (this.aborted) {
				status = ConfigVersion.Status.ABORTED;
			}
			else {
				status = ConfigVersion.Status.SUPERSEDED;
			}
			return new ConfigVersion(application, profile, this.version, this.format, this.content, this.author,
					Instant.ofEpochMilli(this.time), this.message, this.rolledBackTo, status);
		}

	}

}
