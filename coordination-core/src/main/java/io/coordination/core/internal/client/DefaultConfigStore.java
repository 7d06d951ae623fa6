package io.coordination.core.internal.client;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import io.coordination.InputRules;
import io.coordination.config.ConfigChange;
import io.coordination.config.ConfigDocument;
import io.coordination.config.ConfigListener;
import io.coordination.config.ConfigStore;
import io.coordination.config.ConfigValidationException;
import io.coordination.config.ConfigVersion;
import io.coordination.config.EffectiveConfig;
import io.coordination.config.Rollout;
import io.coordination.core.internal.protocol.Command;
import io.coordination.core.internal.protocol.ErrorCode;
import io.coordination.core.internal.protocol.KeyList;
import io.coordination.core.internal.protocol.Listing;
import io.coordination.core.internal.protocol.Query;
import io.coordination.core.internal.protocol.Result;
import io.coordination.core.internal.state.StoredRecords;
import io.coordination.kv.KeyRules;
import io.coordination.kv.KeyValue;
import io.coordination.kv.KeyValueEvent;
import io.coordination.kv.KeyValueStore;
import io.coordination.kv.ReadConsistency;
import io.coordination.kv.VersionConflictException;

/**
 * The configuration store of an embedded client.
 */
final class DefaultConfigStore implements ConfigStore {

	private final EmbeddedCoordination client;

	private final KeyValueStore kv;

	DefaultConfigStore(EmbeddedCoordination client, KeyValueStore kv) {
		this.client = client;
		this.kv = kv;
	}

	@Override
	public Optional<ConfigDocument> document(String application, String profile) {
		check(application, profile);
		return Optional.ofNullable((ConfigDocument) this.client.query(new Query.ConfigDocumentQuery(application, profile),
				ReadConsistency.LINEARIZABLE, "read configuration '" + application + "/" + profile + "'"));
	}

	@Override
	@SuppressWarnings("unchecked")
	public List<ConfigVersion> history(String application, String profile) {
		check(application, profile);
		return (List<ConfigVersion>) ((Listing) this.client.query(new Query.ConfigHistory(application, profile),
				ReadConsistency.LINEARIZABLE, "read the history of '" + application + "/" + profile + "'")).items();
	}

	@Override
	public ConfigVersion apply(ConfigChange change) {
		return apply(List.of(Objects.requireNonNull(change, "change"))).get(0);
	}

	@Override
	public List<ConfigVersion> apply(List<ConfigChange> changes) {
		return run(new Command.ConfigApply(checked(changes), null), document(changes));
	}

	@Override
	public List<ConfigVersion> stage(List<ConfigChange> changes, Rollout rollout) {
		return run(new Command.ConfigApply(checked(changes), Objects.requireNonNull(rollout, "rollout")),
				document(changes));
	}

	@Override
	public ConfigVersion promote(String application, String profile, String author) {
		check(application, profile);
		return run(new Command.ConfigPromote(application, profile, author(author)), application + "/" + profile).get(0);
	}

	@Override
	public ConfigVersion abort(String application, String profile, String author) {
		check(application, profile);
		return run(new Command.ConfigAbort(application, profile, author(author)), application + "/" + profile).get(0);
	}

	@Override
	public ConfigVersion rollback(String application, String profile, long version, String author, String message) {
		check(application, profile);
		return run(new Command.ConfigRollback(application, profile, version, author(author),
				(message != null) ? message : ""), application + "/" + profile).get(0);
	}

	@Override
	public void configure(String application, String profile, String jsonSchema, int historyLimit) {
		check(application, profile);
		Result result = this.client.execute(new Command.ConfigConfigure(application, profile, jsonSchema, historyLimit),
				"configure '" + application + "/" + profile + "'");
		failIfFailed(application + "/" + profile, result);
	}

	@Override
	public Optional<EffectiveConfig> effective(String application, String profile, String instanceId,
			Map<String, String> labels) {
		check(application, profile);
		InputRules.name("instance", instanceId);
		return Optional.ofNullable((EffectiveConfig) this.client.query(
				new Query.ConfigEffective(application, profile, instanceId, Map.copyOf(labels)),
				ReadConsistency.LINEARIZABLE, "read the configuration of '" + instanceId + "'"));
	}

	@Override
	public AutoCloseable watch(String application, String profile, String instanceId, Map<String, String> labels,
			ConfigListener listener) {
		check(application, profile);
		InputRules.name("instance", instanceId);
		Objects.requireNonNull(listener, "listener");
		Map<String, String> instanceLabels = Map.copyOf(labels);
		// Follows the document's keys and works out the effective version locally: no read on the notification path,
		// so a change is never lost to a failed read, and the watch resumes like any key-value watch.
		String prefix = StoredRecords.configPrefix(application, profile);
		KeyList current = (KeyList) this.client.query(new Query.KvRange(prefix, null, true, Integer.MAX_VALUE),
				ReadConsistency.LINEARIZABLE, "read configuration '" + application + "/" + profile + "'");
		Map<String, KeyValue> keys = new TreeMap<>();
		current.entries().forEach((entry) -> keys.put(entry.key(), entry));
		EffectiveConfig[] last = new EffectiveConfig[1];
		Runnable evaluate = () -> {
			EffectiveConfig now = StoredRecords.effective(application, profile, instanceId, instanceLabels, keys);
			if (now != null && !now.equals(last[0])) {
				last[0] = now;
				listener.changed(now);
			}
		};
		this.client.notify(() -> {
			synchronized (keys) {
				evaluate.run();
			}
		});
		return this.kv.watch(prefix, true, current.revision() + 1, (events) -> {
			synchronized (keys) {
				for (KeyValueEvent event : events) {
					if (event.type() == KeyValueEvent.Type.DELETE) {
						keys.remove(event.key());
					}
					else {
						keys.put(event.key(), event.entry());
					}
				}
				evaluate.run();
			}
		});
	}

	private List<ConfigVersion> run(Command command, String document) {
		Result result = this.client.execute(command, "change configuration '" + document + "'");
		failIfFailed(document, result);
		return ((Result.ConfigVersions) result).versions();
	}

	static void failIfFailed(String document, Result result) {
		if (result instanceof Result.Failed failed) {
			if (failed.code() == ErrorCode.CONFIG_INVALID) {
				throw new ConfigValidationException(document, failed.details());
			}
			if (failed.code() == ErrorCode.VERSION_CONFLICT) {
				throw new VersionConflictException(document, failed.expected(), failed.actual());
			}
			throw EmbeddedCoordination.failure(document, failed);
		}
	}

	private static List<ConfigChange> checked(List<ConfigChange> changes) {
		Objects.requireNonNull(changes, "changes");
		if (changes.isEmpty()) {
			throw new IllegalArgumentException("At least one configuration change is needed");
		}
		for (ConfigChange change : changes) {
			check(change.application(), change.profile());
			if (change.content().length() > ConfigChange.MAX_CONTENT_LENGTH) {
				throw new IllegalArgumentException("content of '" + change.application() + "/" + change.profile()
						+ "' is longer than " + ConfigChange.MAX_CONTENT_LENGTH + " characters");
			}
		}
		return List.copyOf(changes);
	}

	private static String document(List<ConfigChange> changes) {
		return changes.isEmpty() ? "" : changes.get(0).application() + "/" + changes.get(0).profile()
				+ ((changes.size() > 1) ? " and " + (changes.size() - 1) + " more" : "");
	}

	private static String author(String author) {
		return (author != null) ? author : "unknown";
	}

	private static void check(String application, String profile) {
		KeyRules.segment("application", application);
		KeyRules.segment("profile", profile);
	}

}
