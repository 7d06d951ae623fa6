package io.coordination.sidecar.config;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.coordination.Coordination;
import io.coordination.config.ConfigChange;
import io.coordination.config.ConfigDocument;
import io.coordination.config.ConfigStore;
import io.coordination.config.ConfigValidationException;
import io.coordination.config.ConfigVersion;
import io.coordination.config.EffectiveConfig;
import io.coordination.sidecar.SidecarProperties;
import io.coordination.sidecar.security.Permissions;
import io.coordination.sidecar.web.ApiException;
import io.coordination.sidecar.web.Durations;
import io.coordination.sidecar.web.Validation;

/**
 * {@code /v1/config/{application}/{profile}}: versioned configuration documents. Apply a change (validated against the
 * document's schema: {@code 422 CONFIG_INVALID} lists every violation and nothing is written), several at once
 * ({@code /v1/config-changes}), roll back, stage a change for some instances ({@code /v1/config-rollouts}) then promote
 * or abort it, configure schema and history depth, read what applies to an instance and watch it change.
 */
@RestController
public class ConfigController {

	private static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

	private final Coordination coordination;

	private final WatchStreams watches;

	private final SidecarProperties properties;

	ConfigController(Coordination coordination, WatchStreams watches, SidecarProperties properties) {
		this.coordination = coordination;
		this.watches = watches;
		this.properties = properties;
	}

	/**
	 * First event of a watch of an instance's configuration.
	 *
	 * @param config the configuration now effective for the instance, or {@code null} if the document has none
	 */
	public record ConfigSnapshot(EffectiveConfig config) {
	}

	private ConfigStore store() {
		return this.coordination.config();
	}

	@GetMapping("/v1/config/{application}/{profile}")
	ConfigDocument document(@PathVariable String application, @PathVariable String profile) {
		check(application, profile);
		return store().document(application, profile).orElseThrow(() -> notFound(application, profile, null));
	}

	@GetMapping("/v1/config/{application}/{profile}/versions")
	List<ConfigVersion> history(@PathVariable String application, @PathVariable String profile) {
		check(application, profile);
		return store().history(application, profile);
	}

	@GetMapping("/v1/config/{application}/{profile}/versions/{version}")
	ConfigVersion version(@PathVariable String application, @PathVariable String profile, @PathVariable long version) {
		check(application, profile);
		return store().history(application, profile)
			.stream()
			.filter((kept) -> kept.version() == version)
			.findFirst()
			.orElseThrow(() -> ApiException.notFound("VERSION_NOT_FOUND",
					"Version " + version + " of '" + application + "/" + profile + "' is not kept"));
	}

	@PostMapping("/v1/config/{application}/{profile}/versions")
	ResponseEntity<ConfigVersion> apply(@PathVariable String application, @PathVariable String profile,
			@RequestBody ConfigRequests.Change request) {
		ConfigChange change = request.toChange(application, profile);
		return created(store().apply(change));
	}

	@PostMapping("/v1/config-changes")
	List<ConfigVersion> applyAll(@RequestBody ConfigRequests.Changes request, HttpServletRequest http) {
		List<ConfigChange> changes = request.toChanges();
		checkWrites(Permissions.of(http), changes);
		return store().apply(changes);
	}

	@PostMapping("/v1/config/{application}/{profile}/rollback")
	ResponseEntity<ConfigVersion> rollback(@PathVariable String application, @PathVariable String profile,
			@RequestBody ConfigRequests.Rollback request) {
		check(application, profile);
		long version = request.checkedVersion();
		ConfigVersion restored;
		try {
			restored = store().rollback(application, profile, version, request.author(), request.message());
		}
		catch (IllegalArgumentException ex) {
			// the only one left: the version is not kept
			throw ApiException.invalid("version", ex.getMessage());
		}
		return created(restored);
	}

	@PostMapping("/v1/config-rollouts")
	List<ConfigVersion> stage(@RequestBody ConfigRequests.Staging request, HttpServletRequest http) {
		List<ConfigChange> changes = request.toChanges();
		checkWrites(Permissions.of(http), changes);
		return store().stage(changes, request.toRollout());
	}

	@PostMapping("/v1/config/{application}/{profile}/promote")
	ConfigVersion promote(@PathVariable String application, @PathVariable String profile,
			@RequestBody(required = false) ConfigRequests.Author request) {
		check(application, profile);
		return store().promote(application, profile, author(request));
	}

	@PostMapping("/v1/config/{application}/{profile}/abort")
	ConfigVersion abort(@PathVariable String application, @PathVariable String profile,
			@RequestBody(required = false) ConfigRequests.Author request) {
		check(application, profile);
		return store().abort(application, profile, author(request));
	}

	@PutMapping("/v1/config/{application}/{profile}/settings")
	ConfigDocument configure(@PathVariable String application, @PathVariable String profile,
			@RequestBody ConfigRequests.Settings request) {
		check(application, profile);
		int historyLimit = request.checkedHistoryLimit();
		try {
			store().configure(application, profile, request.schema(), historyLimit);
		}
		catch (ConfigValidationException ex) {
			// the schema itself, or the version in use under the new schema
			throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "CONFIG_INVALID", "schema", ex.getMessage())
				.with("document", ex.document())
				.with("errors", ex.violations());
		}
		return store().document(application, profile).orElseThrow(() -> notFound(application, profile, null));
	}

	@GetMapping("/v1/config/{application}/{profile}/effective")
	EffectiveConfig effective(@PathVariable String application, @PathVariable String profile,
			@RequestParam String instance, @RequestParam(required = false) String labels) {
		check(application, profile);
		Validation.name("instance", instance);
		return store().effective(application, profile, instance, ConfigRequests.labels("labels", labels))
			.orElseThrow(() -> notFound(application, profile, instance));
	}

	/**
	 * Streams the configuration of an instance: a {@code snapshot} event ({@code {"config": ...}}, {@code null} while
	 * the document has no version), then a {@code config} event whenever it changes (a change, a rollback, a rollout
	 * that starts or stops targeting the instance, a promotion, an abort). Event ids are revisions: a client that
	 * reconnects with {@code Last-Event-ID} gets the changes after it (no snapshot), or a snapshot if that revision is
	 * no longer kept. See {@link EffectiveConfigWatch}.
	 */
	@GetMapping(path = "/v1/config/{application}/{profile}/effective/watch",
			produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter watch(@PathVariable String application, @PathVariable String profile, @RequestParam String instance,
			@RequestParam(required = false) String labels,
			@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
		check(application, profile);
		Validation.name("instance", instance);
		Map<String, String> instanceLabels = ConfigRequests.labels("labels", labels);
		long resumeAfter = ConfigRequests.lastEventId("Last-Event-ID", lastEventId);
		return this.watches.stream("configuration '" + application + "/" + profile + "' of '" + instance + "'",
				(stream) -> EffectiveConfigWatch.start(this.coordination.keyValue(), stream, application, profile,
						instance, instanceLabels, resumeAfter));
	}

	/**
	 * Blocking query of the configuration of an instance: answers as soon as it differs from the {@code version} (and
	 * {@code candidate} flag) the caller has, or after {@code wait} (default 30 s) with what applies then.
	 */
	@GetMapping(path = "/v1/config/{application}/{profile}/effective/watch", produces = MediaType.APPLICATION_JSON_VALUE)
	DeferredResult<EffectiveConfig> poll(@PathVariable String application, @PathVariable String profile,
			@RequestParam String instance, @RequestParam(required = false) String labels,
			@RequestParam(defaultValue = "0") long version, @RequestParam(defaultValue = "false") boolean candidate,
			@RequestParam(required = false) String wait) {
		check(application, profile);
		Validation.name("instance", instance);
		Map<String, String> instanceLabels = ConfigRequests.labels("labels", labels);
		Duration limit = Durations.parse("wait", wait, this.properties.getMaxWait());
		Duration waiting = (limit != null) ? limit
				: (DEFAULT_WAIT.compareTo(this.properties.getMaxWait()) < 0) ? DEFAULT_WAIT : this.properties.getMaxWait();
		AtomicReference<EffectiveConfig> latest = new AtomicReference<>();
		DeferredResult<EffectiveConfig> result = new DeferredResult<>(Math.max(1, waiting.toMillis()));
		result.onTimeout(() -> answer(result, Optional.ofNullable(latest.get()), application, profile, instance));
		AutoCloseable watch = store().watch(application, profile, instance, instanceLabels, (config) -> {
			latest.set(config);
			if (config.version() != version || config.candidate() != candidate) {
				result.setResult(config);
			}
		});
		result.onCompletion(() -> close(watch));
		if (waiting.isZero()) {
			answer(result, store().effective(application, profile, instance, instanceLabels), application, profile,
					instance);
		}
		return result;
	}

	private static void answer(DeferredResult<EffectiveConfig> result, Optional<EffectiveConfig> config,
			String application, String profile, String instance) {
		if (config.isPresent()) {
			result.setResult(config.get());
		}
		else {
			result.setErrorResult(notFound(application, profile, instance));
		}
	}

	private static void close(AutoCloseable watch) {
		try {
			watch.close();
		}
		catch (Exception ex) {
			// the watch goes anyway
		}
	}

	private static String author(ConfigRequests.Author request) {
		String author = (request != null) ? request.author() : null;
		return ConfigRequests.author("author", author);
	}

	private static ResponseEntity<ConfigVersion> created(ConfigVersion version) {
		return ResponseEntity.created(URI.create("/v1/config/" + segment(version.application()) + "/"
				+ segment(version.profile()) + "/versions/" + version.version())).body(version);
	}

	private static String segment(String name) {
		return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/**
	 * Refuses changes of several documents (the body names them, not the path) unless the caller may write each,
	 * as the single-document write checks it ({@code config/<application>/<profile>/versions}), before anything is
	 * written.
	 */
	private static void checkWrites(Permissions permissions, List<ConfigChange> changes) {
		for (int i = 0; i < changes.size(); i++) {
			ConfigChange change = changes.get(i);
			permissions.require("config/" + change.application() + "/" + change.profile() + "/versions", true,
					"changes[" + i + "]");
		}
	}

	private static void check(String application, String profile) {
		Segments.check("application", "application", application);
		Segments.check("profile", "profile", profile);
	}

	private static ApiException notFound(String application, String profile, String instance) {
		return ApiException.notFound("DOCUMENT_NOT_FOUND", "Configuration '" + application + "/" + profile + "' "
				+ ((instance != null) ? "has no version yet (asked for instance '" + instance + "')"
						: "has no version and no settings"));
	}

}
