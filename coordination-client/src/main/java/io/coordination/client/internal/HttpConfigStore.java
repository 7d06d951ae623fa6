package io.coordination.client.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;

import io.coordination.InputRules;
import io.coordination.config.ConfigChange;
import io.coordination.config.ConfigDocument;
import io.coordination.config.ConfigListener;
import io.coordination.config.ConfigStore;
import io.coordination.config.ConfigVersion;
import io.coordination.config.EffectiveConfig;
import io.coordination.config.Rollout;

/**
 * The configuration store through the sidecar ({@code /v1/config}). Names and sizes are checked before anything is
 * sent, with the messages of an embedded client; the cluster's refusals come back as the same exceptions
 * ({@link io.coordination.config.ConfigValidationException}, {@link io.coordination.kv.VersionConflictException},
 * {@link IllegalStateException} for a rollout in progress or missing, {@link IllegalArgumentException}). Reads are
 * retried on transient failures; changes are not, since a repeated change would be a second version. Watches follow
 * a Server-Sent Events stream ({@code HttpConfigWatch}).
 */
public final class HttpConfigStore implements ConfigStore {

	private static final String NOT_FOUND = "DOCUMENT_NOT_FOUND";

	private final ClientSession session;

	private final Api api;

	/**
	 * Creates the store.
	 * @param session the client's session (its notifier thread calls the listeners; closing it ends the watches)
	 * @param api the API
	 */
	public HttpConfigStore(ClientSession session, Api api) {
		this.session = session;
		this.api = api;
	}

	private static String base(String application, String profile) {
		return "/v1/config/" + Api.segment(application) + "/" + Api.segment(profile);
	}

	@Override
	public Optional<ConfigDocument> document(String application, String profile) {
		check(application, profile);
		try {
			return Optional.of(this.api.call("GET", base(application, profile)).expect(NOT_FOUND).as(ConfigDocument.class));
		}
		catch (ProblemException ex) {
			return Optional.empty();
		}
	}

	@Override
	public List<ConfigVersion> history(String application, String profile) {
		check(application, profile);
		return this.api.list(this.api.call("GET", base(application, profile) + "/versions"), ConfigVersion.class);
	}

	@Override
	public ConfigVersion apply(ConfigChange change) {
		Objects.requireNonNull(change, "change");
		checked(List.of(change));
		return this.api.call("POST", base(change.application(), change.profile()) + "/versions")
			.json(body(change, false))
			.as(ConfigVersion.class);
	}

	@Override
	public List<ConfigVersion> apply(List<ConfigChange> changes) {
		return this.api.list(this.api.call("POST", "/v1/config-changes").json(Map.of("changes", changes(changes))),
				ConfigVersion.class);
	}

	@Override
	public List<ConfigVersion> stage(List<ConfigChange> changes, Rollout rollout) {
		List<Map<String, Object>> staged = changes(changes);
		Objects.requireNonNull(rollout, "rollout");
		Map<String, Object> target = new LinkedHashMap<>();
		target.put("percentage", rollout.percentage());
		target.put("instanceIds", rollout.instanceIds());
		target.put("labels", rollout.labels());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("changes", staged);
		body.put("rollout", target);
		return this.api.list(this.api.call("POST", "/v1/config-rollouts").json(body), ConfigVersion.class);
	}

	@Override
	public ConfigVersion promote(String application, String profile, String author) {
		check(application, profile);
		return this.api.call("POST", base(application, profile) + "/promote")
			.json(author(author))
			.as(ConfigVersion.class);
	}

	@Override
	public ConfigVersion abort(String application, String profile, String author) {
		check(application, profile);
		return this.api.call("POST", base(application, profile) + "/abort").json(author(author)).as(ConfigVersion.class);
	}

	@Override
	public ConfigVersion rollback(String application, String profile, long version, String author, String message) {
		check(application, profile);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("version", version);
		body.put("author", (author != null) ? author : "unknown");
		body.put("message", (message != null) ? message : "");
		return this.api.call("POST", base(application, profile) + "/rollback").json(body).as(ConfigVersion.class);
	}

	@Override
	public void configure(String application, String profile, String jsonSchema, int historyLimit) {
		check(application, profile);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("schema", jsonSchema);
		body.put("historyLimit", historyLimit);
		// setting the same schema and depth twice is harmless: retried like a read
		this.api.call("PUT", base(application, profile) + "/settings").json(body).execute();
	}

	@Override
	public Optional<EffectiveConfig> effective(String application, String profile, String instanceId,
			Map<String, String> labels) {
		check(application, profile);
		InputRules.name("instance", instanceId);
		Map<String, String> instanceLabels = Map.copyOf(labels);
		try {
			return Optional.of(this.api.call("GET", base(application, profile) + "/effective")
				.param("instance", instanceId)
				.param("labels", labels(instanceLabels))
				.expect(NOT_FOUND)
				.as(EffectiveConfig.class));
		}
		catch (ProblemException ex) {
			return Optional.empty();
		}
	}

	@Override
	public AutoCloseable watch(String application, String profile, String instanceId, Map<String, String> labels,
			ConfigListener listener) {
		check(application, profile);
		InputRules.name("instance", instanceId);
		Objects.requireNonNull(listener, "listener");
		Map<String, String> instanceLabels = Map.copyOf(labels);
		StringBuilder path = new StringBuilder(base(application, profile)).append("/effective/watch?instance=")
			.append(Api.segment(instanceId));
		if (!instanceLabels.isEmpty()) {
			path.append("&labels=").append(Api.segment(labels(instanceLabels)));
		}
		return HttpConfigWatch.start(this.session, this.api, path.toString(),
				"configuration '" + application + "/" + profile + "' of '" + instanceId + "'", listener);
	}

	@Override
	public String toString() {
		return "configuration store via the sidecar";
	}

	private static Map<String, Object> body(ConfigChange change, boolean named) {
		Map<String, Object> body = new LinkedHashMap<>();
		if (named) {
			body.put("application", change.application());
			body.put("profile", change.profile());
		}
		body.put("format", change.format().name());
		body.put("content", change.content());
		body.put("expectedVersion", change.expectedVersion());
		body.put("author", change.author());
		body.put("message", change.message());
		return body;
	}

	private static List<Map<String, Object>> changes(List<ConfigChange> changes) {
		List<Map<String, Object>> bodies = new ArrayList<>();
		for (ConfigChange change : checked(changes)) {
			bodies.add(body(change, true));
		}
		return bodies;
	}

	private static Map<String, String> author(String author) {
		return Map.of("author", (author != null) ? author : "unknown");
	}

	/**
	 * Labels as the API takes them: {@code key:value} pairs separated by commas, a comma, colon or percent sign inside
	 * a key or value percent-encoded.
	 * @param labels the labels
	 * @return the parameter, or {@code null} if there are none
	 */
	static String labels(Map<String, String> labels) {
		if (labels.isEmpty()) {
			return null;
		}
		StringJoiner joined = new StringJoiner(",");
		new TreeMap<>(labels).forEach((key, value) -> joined.add(escape(key) + ":" + escape(value)));
		return joined.toString();
	}

	private static String escape(String text) {
		return text.replace("%", "%25").replace(",", "%2C").replace(":", "%3A");
	}

	/**
	 * The checks of an embedded client: a list of changes, each naming its document properly, not too long.
	 * @param changes the changes
	 * @return the changes
	 */
	private static List<ConfigChange> checked(List<ConfigChange> changes) {
		Objects.requireNonNull(changes, "changes");
		if (changes.isEmpty()) {
			throw new IllegalArgumentException("At least one configuration change is needed");
		}
		for (ConfigChange change : changes) {
			Objects.requireNonNull(change, "change");
			check(change.application(), change.profile());
			if (change.content().length() > ConfigChange.MAX_CONTENT_LENGTH) {
				throw new IllegalArgumentException("content of '" + change.application() + "/" + change.profile()
						+ "' is longer than " + ConfigChange.MAX_CONTENT_LENGTH + " characters");
			}
		}
		return List.copyOf(changes);
	}

	/**
	 * Checks an application and a profile as the cluster does: each is one segment of a key.
	 * @param application application
	 * @param profile profile
	 */
	static void check(String application, String profile) {
		segment("application", application);
		segment("profile", profile);
	}

	private static void segment(String what, String segment) {
		InputRules.name(what, segment);
		if (segment.contains("/") || segment.equals(".") || segment.equals("..") || segment.startsWith("_")) {
			throw new IllegalArgumentException(
					what + " must not contain '/', start with '_', or be '.' or '..': '" + segment + "'");
		}
	}

}
