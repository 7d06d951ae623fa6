package io.coordination.sidecar.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.coordination.config.ConfigFormat;
import io.coordination.config.EffectiveConfig;
import io.coordination.config.Rollout;
import io.coordination.kv.CompactedRevisionException;
import io.coordination.kv.KeyValue;
import io.coordination.kv.KeyValueEvent;
import io.coordination.kv.KeyValueListener;
import io.coordination.kv.KeyValueStore;
import io.coordination.kv.KeyValueWatch;

/**
 * The configuration effective for one instance, streamed with the revisions that changed it, so that a client
 * resumes after a reconnect exactly where it was: nothing lost, nothing repeated.
 * <p>
 * Like an embedded client's configuration watch, it follows the document's keys (a key-value prefix watch on
 * {@code /_config/{application}/{profile}/}) and works out the effective version from them: the {@code head} key
 * (written by every change of the document: active and candidate version, rollout) and the key of that version. A
 * stream started afresh sends a {@code snapshot} event ({@code {"config": ...}}, {@code null} while the document has
 * no version) whose id is the revision it reflects, then a {@code config} event, its id the revision, whenever what
 * applies to the instance changes. A stream resumed after revision {@code R} ({@code Last-Event-ID}) replays the
 * document's changes after {@code R}, one {@code config} event per revision that changed what applies (the first
 * one may repeat what the client has: it compares); if {@code R} is no longer kept it starts afresh.
 */
final class EffectiveConfigWatch implements KeyValueListener, AutoCloseable {

	private static final Log logger = LogFactory.getLog(EffectiveConfigWatch.class);

	/** Root of the configuration keys (the cluster's reserved prefix). */
	private static final String ROOT = "/_config/";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final WatchStreams.WatchStream stream;

	private final String application;

	private final String profile;

	private final String instance;

	private final Map<String, String> labels;

	private final String prefix;

	/** The document's keys as of {@link #after}. */
	private final Map<String, KeyValue> keys = new HashMap<>();

	/** Revision the keys reflect: changes at or below it are already in. */
	private long after;

	/** What was sent last, or {@code null}. */
	private EffectiveConfig sent;

	private volatile KeyValueWatch watch;

	private volatile boolean closed;

	private EffectiveConfigWatch(WatchStreams.WatchStream stream, String application, String profile, String instance,
			Map<String, String> labels) {
		this.stream = stream;
		this.application = application;
		this.profile = profile;
		this.instance = instance;
		this.labels = Map.copyOf(labels);
		this.prefix = ROOT + application + "/" + profile + "/";
	}

	/**
	 * Starts streaming what applies to an instance.
	 * @param kv the sidecar's key-value store
	 * @param stream the stream
	 * @param application application (checked)
	 * @param profile profile (checked)
	 * @param instance instance (checked)
	 * @param labels its labels
	 * @param resumeAfter the revision of the last event the client saw, or 0 to start afresh
	 * @return the watch; close it to stop
	 */
	static EffectiveConfigWatch start(KeyValueStore kv, WatchStreams.WatchStream stream, String application,
			String profile, String instance, Map<String, String> labels, long resumeAfter) {
		EffectiveConfigWatch watch = new EffectiveConfigWatch(stream, application, profile, instance, labels);
		long current = kv.revision();
		if (resumeAfter > 0 && resumeAfter <= current) {
			// the changes after the client's revision are replayed over the keys as they are now: every change writes
			// the head, and a version's content never changes, so each replayed revision is seen as it was
			watch.reset(kv.list(watch.prefix), resumeAfter);
			try {
				watch.watch = kv.watch(watch.prefix, true, resumeAfter + 1, watch);
				return watch;
			}
			catch (CompactedRevisionException ex) {
				logger.debug("Resuming the configuration watch of '" + instance + "' after revision " + resumeAfter
						+ " is not possible, starting afresh: " + ex.getMessage());
				current = kv.revision();
			}
		}
		// the keys reflect every change up to the last one that wrote the head (at or after 'current'): later
		// revisions are new
		watch.snapshot(kv.list(watch.prefix), current);
		watch.watch = kv.watch(watch.prefix, true, current + 1, watch);
		return watch;
	}

	private synchronized void reset(List<KeyValue> entries, long revision) {
		this.keys.clear();
		entries.forEach((entry) -> this.keys.put(entry.key(), entry));
		this.after = revision;
	}

	private synchronized void snapshot(List<KeyValue> entries, long current) {
		KeyValue head = entries.stream().filter((entry) -> entry.key().equals(headKey())).findFirst().orElse(null);
		reset(entries, Math.max(current, (head != null) ? head.modRevision() : 0));
		this.sent = evaluate();
		this.stream.send("snapshot", this.after, new ConfigController.ConfigSnapshot(this.sent));
	}

	@Override
	public synchronized void changed(List<KeyValueEvent> events) {
		if (this.closed || events.isEmpty()) {
			return;
		}
		long revision = events.get(0).revision();
		if (revision <= this.after) {
			// already in the keys read at the start
			return;
		}
		for (KeyValueEvent event : events) {
			if (event.type() == KeyValueEvent.Type.DELETE) {
				this.keys.remove(event.key());
			}
			else {
				this.keys.put(event.key(), event.entry());
			}
		}
		this.after = revision;
		EffectiveConfig now;
		try {
			now = evaluate();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not read configuration '" + this.application + "/" + this.profile + "' at revision "
					+ revision + ": " + ex);
			return;
		}
		if (now != null && !now.equals(this.sent)) {
			this.sent = now;
			this.stream.send("config", revision, now);
		}
	}

	@Override
	public void failed(CompactedRevisionException exception) {
		// the sidecar's own watch cannot continue: the client reconnects and starts afresh if it must
		logger.debug("Configuration watch of '" + this.instance + "' interrupted: " + exception.getMessage());
		this.stream.end();
	}

	private String headKey() {
		return this.prefix + "head";
	}

	/**
	 * What applies to the instance according to the keys, as the cluster works it out.
	 * @return the effective configuration, or {@code null} if none
	 */
	private EffectiveConfig evaluate() {
		KeyValue headEntry = this.keys.get(headKey());
		if (headEntry == null) {
			return null;
		}
		JsonNode head = json.readTree(headEntry.value());
		long active = head.path("active").asLong(0);
		long candidate = head.path("candidate").asLong(0);
		JsonNode rollout = head.path("rollout");
		boolean targeted = candidate != 0 && rollout.isObject() && rollout(rollout)
			.targets(this.application + "/" + this.profile, this.instance, this.labels);
		long version = targeted ? candidate : active;
		KeyValue versionEntry = (version != 0)
				? this.keys.get(this.prefix + "versions/" + String.format("%010d", version)) : null;
		if (versionEntry == null) {
			return null;
		}
		JsonNode stored = json.readTree(versionEntry.value());
		return new EffectiveConfig(this.application, this.profile, version,
				ConfigFormat.valueOf(stored.path("format").asString()), stored.path("content").asString(""), targeted);
	}

	private static Rollout rollout(JsonNode node) {
		Set<String> ids = new TreeSet<>();
		node.path("instanceIds").forEach((id) -> ids.add(id.asString()));
		Map<String, String> labels = new TreeMap<>();
		node.path("labels").properties().forEach((entry) -> labels.put(entry.getKey(), entry.getValue().asString()));
		return new Rollout(node.path("percentage").asInt(0), ids, labels);
	}

	@Override
	public void close() {
		this.closed = true;
		KeyValueWatch watching = this.watch;
		if (watching != null) {
			watching.close();
		}
	}

}
