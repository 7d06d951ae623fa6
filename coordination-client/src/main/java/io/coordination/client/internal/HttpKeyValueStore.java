package io.coordination.client.internal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

import io.coordination.InputRules;
import io.coordination.kv.CompactedRevisionException;
import io.coordination.kv.KeyRules;
import io.coordination.kv.KeyValue;
import io.coordination.kv.KeyValueListener;
import io.coordination.kv.KeyValueStore;
import io.coordination.kv.KeyValueWatch;
import io.coordination.kv.PutOptions;
import io.coordination.kv.ReadConsistency;
import io.coordination.kv.Txn;
import io.coordination.kv.TxnResult;

/**
 * The key-value store through {@code /v1/kv}. Keys and values are checked here with the cluster's own messages
 * before anything is sent (a key travels in the URL path, where {@code ..} would be resolved away); values travel as
 * raw bytes. Writes bound to the session ({@link PutOptions#ephemeral()}) name the client's application session.
 * Watches follow {@code /v1/kv-watch} as Server-Sent Events and resume after the last revision delivered when the
 * connection drops.
 */
public final class HttpKeyValueStore implements KeyValueStore {

	private static final String NOT_FOUND = "KEY_NOT_FOUND";

	private final ClientSession session;

	private final Api api;

	/**
	 * Creates the store.
	 * @param session the client's session
	 * @param api the API
	 */
	public HttpKeyValueStore(ClientSession session, Api api) {
		this.session = session;
		this.api = api;
	}

	@Override
	public Optional<KeyValue> get(String key, ReadConsistency consistency) {
		KeyRules.key(key);
		try {
			return Optional.of(KvJson.entry(this.api.call("GET", "/v1/kv" + Api.key(key))
				.param("consistency", consistency(consistency))
				.expect(NOT_FOUND)
				.tree()));
		}
		catch (ProblemException ex) {
			return Optional.empty();
		}
	}

	@Override
	public List<KeyValue> list(String prefix, ReadConsistency consistency) {
		KeyRules.prefix(prefix);
		return KvJson.entries(this.api.call("GET", "/v1/kv" + Api.key(prefix))
			.param("prefix", true)
			.param("consistency", consistency(consistency))
			.tree());
	}

	@Override
	public List<KeyValue> range(String fromKey, String toKey, int limit, ReadConsistency consistency) {
		KeyRules.range(fromKey, toKey);
		InputRules.positive("limit", limit);
		return KvJson.entries(this.api.call("GET", "/v1/kv/")
			.param("from", fromKey)
			.param("to", toKey)
			.param("limit", limit)
			.param("consistency", consistency(consistency))
			.tree());
	}

	@Override
	public KeyValue put(String key, byte[] value, PutOptions options) {
		KeyRules.writable(KeyRules.key(key));
		KeyRules.value(key, value);
		Objects.requireNonNull(options, "options");
		Api.Call call = this.api.call("PUT", "/v1/kv" + Api.key(key))
			.bytes(value)
			.param("ttl", (options.ttl() != null) ? KvJson.duration(options.ttl()) : null)
			.param("session", options.ephemeral() ? this.session.appSessionId() : null)
			// a conditional write repeated after a lost answer would fail against itself
			.idempotent(options.expectedVersion() == PutOptions.ANY_VERSION);
		if (options.expectedVersion() != PutOptions.ANY_VERSION) {
			call.header("If-Match", Long.toString(options.expectedVersion()));
		}
		return KvJson.entry(call.tree());
	}

	@Override
	public KeyValue createSequential(String prefix, byte[] value, PutOptions options) {
		KeyRules.writable(KeyRules.prefix(prefix));
		KeyRules.value(prefix, value);
		Objects.requireNonNull(options, "options");
		if (options.expectedVersion() != PutOptions.ANY_VERSION) {
			throw new IllegalArgumentException("a sequential key is always new: it takes no expected version");
		}
		return KvJson.entry(this.api.call("POST", "/v1/kv" + Api.key(prefix))
			.bytes(value)
			.param("sequential", true)
			.param("ttl", (options.ttl() != null) ? KvJson.duration(options.ttl()) : null)
			.param("session", options.ephemeral() ? this.session.appSessionId() : null)
			.tree());
	}

	@Override
	public boolean delete(String key) {
		return delete(key, PutOptions.ANY_VERSION);
	}

	@Override
	public boolean delete(String key, long expectedVersion) {
		KeyRules.writable(KeyRules.key(key));
		if (expectedVersion < PutOptions.ANY_VERSION) {
			throw new IllegalArgumentException(
					"expectedVersion must be -1 (any), 0 (absent) or a version: " + expectedVersion);
		}
		Api.Call call = this.api.call("DELETE", "/v1/kv" + Api.key(key))
			.idempotent(expectedVersion == PutOptions.ANY_VERSION);
		if (expectedVersion != PutOptions.ANY_VERSION) {
			call.header("If-Match", Long.toString(expectedVersion));
		}
		return call.tree().path("deleted").asInt() > 0;
	}

	@Override
	public int deletePrefix(String prefix) {
		KeyRules.writable(KeyRules.prefix(prefix));
		return this.api.call("DELETE", "/v1/kv" + Api.key(prefix))
			.param("prefix", true)
			.idempotent(false)
			.tree()
			.path("deleted")
			.asInt();
	}

	@Override
	public boolean refresh(String key) {
		KeyRules.key(key);
		return this.api.call("PUT", "/v1/kv" + Api.key(key)).param("refresh", true).tree().path("refreshed").asBoolean();
	}

	@Override
	public TxnResult commit(Txn txn) {
		Objects.requireNonNull(txn, "txn");
		return KvJson.txnResult(this.api.call("POST", "/v1/kv-txn")
			.json(KvJson.txn(txn))
			.param("session", KvJson.bindsToSession(txn) ? this.session.appSessionId() : null)
			.tree());
	}

	@Override
	public long revision() {
		return this.api.call("GET", "/v1/kv-revision").tree().path("revision").asLong();
	}

	@Override
	public KeyValueWatch watch(String keyOrPrefix, boolean prefix, long fromRevision, KeyValueListener listener) {
		if (prefix) {
			KeyRules.prefix(keyOrPrefix);
		}
		else {
			KeyRules.key(keyOrPrefix);
		}
		if (fromRevision < 0) {
			throw new IllegalArgumentException("fromRevision must not be negative: " + fromRevision);
		}
		Objects.requireNonNull(listener, "listener");
		long after = (fromRevision > 0) ? fromRevision - 1 : revision();
		return new HttpWatch(keyOrPrefix, prefix, after, listener);
	}

	private static String consistency(ReadConsistency consistency) {
		return (consistency == ReadConsistency.SEQUENTIAL) ? "sequential" : null;
	}

	/**
	 * One watch: an event stream whose ids are revisions. The stream's first event, {@code watching}, tells the
	 * revision the sidecar's watch has reached; then each {@code changes} event carries one revision's changes.
	 */
	private final class HttpWatch implements KeyValueWatch {

		private final KeyValueListener listener;

		private final EventStream stream;

		private volatile long reached;

		HttpWatch(String key, boolean prefix, long after, KeyValueListener listener) {
			this.listener = listener;
			this.reached = after;
			this.stream = new EventStream(HttpKeyValueStore.this.api, "coordination-kv-watch " + key,
					(last) -> "/v1/kv-watch" + Api.key(key) + "?prefix=" + prefix + "&fromRevision=" + (last + 1),
					after, this::handle, this::refused);
			this.stream.awaitOpen("'" + key + "'");
		}

		private void handle(String type, JsonNode data) {
			if ("watching".equals(type)) {
				this.reached = Math.max(this.reached, data.path("revision").asLong());
			}
			else if ("changes".equals(type) && !data.isEmpty()) {
				var events = KvJson.events(data);
				this.reached = Math.max(this.reached, events.get(events.size() - 1).revision());
				this.listener.changed(events);
			}
		}

		/** The sidecar refused to resume the stream (its history is gone, say). */
		private void refused(Problem problem) {
			if (problem.toException(HttpKeyValueStore.this.api.json()) instanceof CompactedRevisionException compacted) {
				this.listener.failed(compacted);
			}
		}

		@Override
		public long lastRevision() {
			return Math.max(this.reached, this.stream.lastId());
		}

		@Override
		public void close() {
			this.stream.close();
		}

	}

}
