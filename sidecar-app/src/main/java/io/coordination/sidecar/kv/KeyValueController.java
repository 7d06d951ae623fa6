package io.coordination.sidecar.kv;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.coordination.Coordination;
import io.coordination.kv.KeyValue;
import io.coordination.kv.KeyValueEvent;
import io.coordination.kv.KeyValueStore;
import io.coordination.kv.PutOptions;
import io.coordination.kv.ReadConsistency;
import io.coordination.kv.Txn;
import io.coordination.sidecar.SidecarProperties;
import io.coordination.sidecar.security.Permissions;
import io.coordination.sidecar.session.AppSessions;
import io.coordination.sidecar.web.ApiException;
import io.coordination.sidecar.web.Durations;
import io.coordination.sidecar.web.Validation;

/**
 * The key-value store: {@code /v1/kv/{key}} reads, writes and deletes keys (values are the raw request and
 * response bodies, or JSON entries), {@code /v1/kv-txn} runs transactions, {@code /v1/kv-revision} tells the current
 * revision and {@code /v1/kv-watch/{key}} streams changes (Server-Sent Events) or answers blocking queries. Keys keep
 * their slashes in the path: {@code GET /v1/kv/app/feature/enabled} reads {@code /app/feature/enabled}. Reads and
 * plain writes use the sidecar's own client; a write with {@code session} is bound to that application session and
 * deleted when it ends. With security on, a range ({@code from}, {@code to}) must lie within what the caller may read,
 * and every key of a transaction is checked against the caller's {@link Permissions} (resource
 * {@code kv/<key without its leading slash>}) before anything is written.
 */
@RestController
public class KeyValueController {

	/** Response header with the revision a blocking query continues from. */
	public static final String INDEX_HEADER = "X-Coordination-Index";

	/** Wait of a blocking query that names none. */
	private static final Duration DEFAULT_WAIT = Duration.ofMinutes(5);

	/** Most keys of a range that names no limit. */
	private static final int DEFAULT_LIMIT = 10_000;

	private final AppSessions sessions;

	private final Coordination coordination;

	private final SidecarProperties properties;

	private final KvWatchStreams streams;

	KeyValueController(AppSessions sessions, Coordination coordination, SidecarProperties properties,
			KvWatchStreams streams) {
		this.sessions = sessions;
		this.coordination = coordination;
		this.properties = properties;
		this.streams = streams;
	}

	private KeyValueStore store() {
		return this.coordination.keyValue();
	}

	// ---- reads

	@GetMapping("/v1/kv/{*key}")
	ResponseEntity<?> get(@PathVariable String key, @RequestParam(required = false) String consistency,
			@RequestParam(defaultValue = "false") boolean raw, @RequestParam(defaultValue = "false") boolean prefix,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) Long index,
			@RequestParam(required = false) String wait, HttpServletRequest request) {
		Validation.index(index);
		String path = root(key);
		ReadConsistency readConsistency = consistency(consistency);
		boolean range = to != null;
		if (raw && (prefix || range)) {
			throw ApiException.invalid("raw", "raw=true reads one key, not a prefix or a range");
		}
		if (prefix && range) {
			throw ApiException.invalid("prefix", "give prefix=true or a range (from, to), not both");
		}
		if (!range && (from != null || limit != null)) {
			throw ApiException.invalid((from != null) ? "from" : "limit", "a range needs 'to'");
		}
		String start = (from != null) ? from : path;
		if (range) {
			if (start.compareTo(to) > 0) {
				throw ApiException.invalid("to", "a range must not end before it starts: to '" + to
						+ "' comes before from '" + start + "'");
			}
			checkRange(Permissions.of(request), start, to);
		}
		Long revision = null;
		if (index != null) {
			// a range is read where the caller may read: its changes are waited for there
			String watched = range ? commonPrefix(start, to) : path;
			boolean watchedPrefix = prefix || range;
			check(watchedPrefix ? "prefix" : "key", () -> {
				if (index > 0) {
					KvWaits.awaitChange(store(), watched, watchedPrefix, index, waitTime(wait));
				}
				return null;
			});
			revision = store().revision();
		}
		HttpHeaders headers = new HttpHeaders();
		if (revision != null) {
			headers.set(INDEX_HEADER, Long.toString(revision));
		}
		if (prefix) {
			List<KeyValue> entries = check("prefix", () -> store().list(path, readConsistency));
			return ResponseEntity.ok().headers(headers).body(EntryView.of(readable(Permissions.of(request), entries)));
		}
		if (range) {
			int most = Validation.positive("limit", (limit != null) ? limit : DEFAULT_LIMIT);
			List<KeyValue> entries;
			try {
				entries = store().range(start, to, most, readConsistency);
			}
			catch (IllegalArgumentException ex) {
				String message = String.valueOf(ex.getMessage());
				throw ApiException.invalid(
						(message.contains("'" + to + "'") && !message.contains("'" + start + "'")) ? "to" : "from",
						message);
			}
			return ResponseEntity.ok().headers(headers).body(EntryView.of(readable(Permissions.of(request), entries)));
		}
		Optional<KeyValue> found = check("key", () -> store().get(path, readConsistency));
		if (found.isEmpty()) {
			ApiException absent = ApiException.notFound("KEY_NOT_FOUND", "No key '" + path + "'").with("key", path);
			if (revision != null) {
				absent.with("index", revision);
			}
			throw absent;
		}
		KeyValue entry = found.get();
		headers.setETag("\"" + entry.version() + "\"");
		if (raw) {
			return ResponseEntity.ok()
				.headers(headers)
				.contentType(MediaType.APPLICATION_OCTET_STREAM)
				.body(entry.value());
		}
		return ResponseEntity.ok().headers(headers).body(EntryView.of(entry));
	}

	@GetMapping("/v1/kv-revision")
	Map<String, Object> revision() {
		return Map.of("revision", store().revision());
	}

	// ---- writes

	@PutMapping("/v1/kv/{*key}")
	ResponseEntity<?> put(@PathVariable String key, @RequestParam(required = false) String ttl,
			@RequestParam(required = false) String session, @RequestParam(defaultValue = "false") boolean refresh,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
			HttpServletRequest request) {
		String path = root(key);
		if (refresh) {
			if (ttl != null || session != null || ifMatch != null || ifNoneMatch != null
					|| body(path, request).length > 0) {
				throw ApiException.invalid("refresh", "a refresh takes no body, ttl, session or condition");
			}
			boolean refreshed = check("key", () -> store().refresh(path));
			return ResponseEntity.ok(Map.of("key", path, "refreshed", refreshed));
		}
		byte[] value = body(path, request);
		long expectedVersion = expectedVersion(ifMatch, ifNoneMatch);
		PutOptions options = new PutOptions(expectedVersion, ttl(ttl), session != null);
		KeyValue written = check("key", () -> store(session).put(path, value, options));
		return ResponseEntity.ok().eTag("\"" + written.version() + "\"").body(EntryView.of(written));
	}

	@PostMapping("/v1/kv/{*prefix}")
	ResponseEntity<EntryView> createSequential(@PathVariable String prefix,
			@RequestParam(defaultValue = "false") boolean sequential, @RequestParam(required = false) String ttl,
			@RequestParam(required = false) String session, HttpServletRequest request) {
		String path = root(prefix);
		if (!sequential) {
			throw ApiException.invalid("sequential",
					"POST creates a sequential key (add sequential=true); write a key with PUT");
		}
		byte[] value = body(path, request);
		PutOptions options = new PutOptions(PutOptions.ANY_VERSION, ttl(ttl), session != null);
		KeyValue created = check("prefix",
				() -> store(session).createSequential(path, value, options));
		return ResponseEntity.status(HttpStatus.CREATED)
			.eTag("\"" + created.version() + "\"")
			.body(EntryView.of(created));
	}

	@DeleteMapping("/v1/kv/{*key}")
	Map<String, Object> delete(@PathVariable String key, @RequestParam(defaultValue = "false") boolean prefix,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		String path = root(key);
		if (prefix) {
			if (ifMatch != null) {
				throw ApiException.invalid("If-Match", "a prefix delete has no version condition");
			}
			return Map.of("deleted", check("prefix", () -> store().deletePrefix(path)));
		}
		long expected = (ifMatch != null) ? version(ifMatch) : PutOptions.ANY_VERSION;
		boolean deleted = check("key", () -> store().delete(path, expected));
		return Map.of("deleted", deleted ? 1 : 0);
	}

	@PostMapping("/v1/kv-txn")
	TxnView commit(@RequestBody TxnRequest request, @RequestParam(required = false) String session,
			HttpServletRequest http) {
		Validation.noNulls("compares", request.compares());
		Validation.noNulls("then", request.then());
		Validation.noNulls("otherwise", request.otherwise());
		if (request.bindsToSession() && session == null) {
			throw ApiException.invalid("session", "an ephemeral put needs the session it is bound to");
		}
		Txn txn = request.toTxn();
		checkKeys(Permissions.of(http), request);
		KeyValueStore store = store(session);
		try {
			return TxnView.of(store.commit(txn));
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.invalid(request.fieldOf(ex.getMessage()), ex.getMessage());
		}
	}

	// ---- watches

	@GetMapping(path = "/v1/kv-watch/{*key}", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter watch(@PathVariable String key, @RequestParam(defaultValue = "false") boolean prefix,
			@RequestParam(required = false) Long fromRevision,
			@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId, HttpServletRequest request) {
		String path = root(key);
		long from = (fromRevision != null) ? fromRevision : 0;
		if (from < 0) {
			throw ApiException.invalid("fromRevision", "fromRevision must not be negative: " + from);
		}
		long resumeAfter = lastEventId(lastEventId);
		if (resumeAfter >= 0) {
			from = Math.max(from, resumeAfter + 1);
		}
		long start = from;
		Permissions permissions = Permissions.of(request);
		return check(prefix ? "prefix" : "key", () -> this.streams.open(store(), path, prefix, start,
				(changed) -> permissions.allows(resource(changed), false)));
	}

	/**
	 * The changes after a revision.
	 *
	 * @param index the revision to continue from (the last change's, or the one asked for if none came)
	 * @param events the changes, in revision order
	 */
	public record WatchView(long index, List<EventView> events) {
	}

	@GetMapping(path = "/v1/kv-watch/{*key}", produces = MediaType.APPLICATION_JSON_VALUE)
	WatchView poll(@PathVariable String key, @RequestParam(defaultValue = "false") boolean prefix,
			@RequestParam(required = false) Long index, @RequestParam(required = false) String wait) {
		Validation.index(index);
		String path = root(key);
		if (index != null && index < 0) {
			throw ApiException.invalid("index", "index must not be negative: " + index);
		}
		long after = (index != null) ? index : store().revision();
		List<KeyValueEvent> events = check(prefix ? "prefix" : "key",
				() -> KvWaits.after(store(), path, prefix, after, waitTime(wait)));
		long last = events.isEmpty() ? after : events.get(events.size() - 1).revision();
		return new WatchView(last, EventView.of(events));
	}

	// ---- permissions

	/**
	 * The entries of a listing the caller may read: a prefix it may read can still hold keys it may not (the keys
	 * of configuration, discovery and groups, which their own permissions guard).
	 */
	private static List<KeyValue> readable(Permissions permissions, List<KeyValue> entries) {
		return entries.stream().filter((entry) -> permissions.allows(resource(entry.key()), false)).toList();
	}

	/**
	 * The resource a key is, for permissions: {@code kv/} and the key without its leading slash.
	 */
	static String resource(String key) {
		return "kv/" + (key.startsWith("/") ? key.substring(1) : key);
	}

	/**
	 * Refuses a range {@code [from, to)} unless every key it could hold is one the caller may read: both bounds
	 * within one prefix the caller may read ({@code to} at most the first key after that prefix).
	 */
	private static void checkRange(Permissions permissions, String from, String to) {
		for (String prefix : permissions.prefixes(false)) {
			if (prefix.equals("*") || "kv/".startsWith(prefix)) {
				return;
			}
			if (prefix.startsWith("kv/")) {
				String keys = "/" + prefix.substring(3);
				String end = successor(keys);
				if (from.startsWith(keys) && (end == null || to.compareTo(end) <= 0)) {
					return;
				}
			}
		}
		boolean start = permissions.allows(resource(from), false);
		throw permissions.forbidden(start ? resource(to) : resource(from), false, start ? "to" : "from");
	}

	/**
	 * The first string after every string starting with a prefix, {@code null} if there is none.
	 */
	static String successor(String prefix) {
		String stem = prefix;
		while (!stem.isEmpty() && stem.charAt(stem.length() - 1) == Character.MAX_VALUE) {
			stem = stem.substring(0, stem.length() - 1);
		}
		if (stem.isEmpty()) {
			return null;
		}
		return stem.substring(0, stem.length() - 1) + (char) (stem.charAt(stem.length() - 1) + 1);
	}

	/**
	 * The longest prefix shared by every key of a range: where its changes are watched.
	 */
	private static String commonPrefix(String from, String to) {
		int length = 0;
		while (length < from.length() && length < to.length() && from.charAt(length) == to.charAt(length)) {
			length++;
		}
		String shared = from.substring(0, length);
		return shared.startsWith("/") ? shared : "/";
	}

	/**
	 * Refuses a transaction naming a key the caller may not read (comparisons, gets) or write (puts, deletes),
	 * before anything is written.
	 */
	private static void checkKeys(Permissions permissions, TxnRequest request) {
		List<TxnRequest.CompareRequest> compares = (request.compares() != null) ? request.compares() : List.of();
		for (int i = 0; i < compares.size(); i++) {
			permissions.require(resource(compares.get(i).key()), false, "compares[" + i + "].key");
		}
		checkKeys(permissions, "then", request.then());
		checkKeys(permissions, "otherwise", request.otherwise());
	}

	private static void checkKeys(Permissions permissions, String branch, List<TxnRequest.OpRequest> ops) {
		List<TxnRequest.OpRequest> all = (ops != null) ? ops : List.of();
		for (int i = 0; i < all.size(); i++) {
			TxnRequest.OpRequest op = all.get(i);
			boolean write = !op.op().toLowerCase(Locale.ROOT).equals("get");
			permissions.require(resource(op.key()), write, branch + "[" + i + "].key");
		}
	}

	// ---- helpers

	/** {@code /v1/kv} without a trailing slash names the root. */
	private static String root(String key) {
		return (key == null || key.isEmpty()) ? "/" : key;
	}

	private static ReadConsistency consistency(String consistency) {
		if (consistency == null || consistency.isBlank()) {
			return ReadConsistency.LINEARIZABLE;
		}
		return switch (consistency.toLowerCase(Locale.ROOT)) {
			case "linearizable", "consistent" -> ReadConsistency.LINEARIZABLE;
			case "sequential", "stale" -> ReadConsistency.SEQUENTIAL;
			default -> throw ApiException.invalid("consistency",
					"must be 'linearizable' or 'sequential', not '" + consistency + "'");
		};
	}

	private Duration waitTime(String wait) {
		Duration limit = this.properties.getMaxWait();
		Duration parsed = Durations.parse("wait", wait, limit);
		if (parsed != null) {
			return parsed;
		}
		return (DEFAULT_WAIT.compareTo(limit) < 0) ? DEFAULT_WAIT : limit;
	}

	private static Duration ttl(String ttl) {
		Duration parsed = Durations.parse("ttl", ttl, Durations.LONGEST);
		if (parsed != null && parsed.isZero()) {
			throw ApiException.invalid("ttl", "ttl must be positive: " + ttl);
		}
		return parsed;
	}

	/**
	 * The version condition of a write: {@code If-Match: n} (0: absent) or {@code If-None-Match: *} (absent).
	 */
	private static long expectedVersion(String ifMatch, String ifNoneMatch) {
		if (ifMatch != null && ifNoneMatch != null) {
			throw ApiException.invalid("If-None-Match", "give If-Match or If-None-Match, not both");
		}
		if (ifNoneMatch != null) {
			if (!ifNoneMatch.trim().equals("*")) {
				throw ApiException.invalid("If-None-Match",
						"only 'If-None-Match: *' (the key must not exist) is supported, not '" + ifNoneMatch + "'");
			}
			return 0;
		}
		return (ifMatch != null) ? version(ifMatch) : PutOptions.ANY_VERSION;
	}

	/** A version in {@code If-Match}: {@code 3}, {@code "3"} or {@code W/"3"}. */
	private static long version(String ifMatch) {
		String text = ifMatch.trim();
		if (text.startsWith("W/")) {
			text = text.substring(2);
		}
		if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
			text = text.substring(1, text.length() - 1);
		}
		try {
			long version = Long.parseLong(text);
			if (version >= 0) {
				return version;
			}
		}
		catch (NumberFormatException ex) {
			// refused below
		}
		throw ApiException.invalid("If-Match", "must be a version (0: the key must not exist), not '" + ifMatch + "'");
	}

	private static long lastEventId(String lastEventId) {
		if (lastEventId == null || lastEventId.isBlank()) {
			return -1;
		}
		try {
			return Long.parseLong(lastEventId.trim());
		}
		catch (NumberFormatException ex) {
			throw ApiException.invalid("Last-Event-ID", "must be a revision, not '" + lastEventId + "'");
		}
	}

	private static byte[] body(String key, HttpServletRequest request) {
		KvBodyFilter.Body body = (KvBodyFilter.Body) request.getAttribute(KvBodyFilter.ATTRIBUTE);
		if (body == null) {
			try {
				body = KvBodyFilter.Body.read(request);
			}
			catch (IOException ex) {
				throw ApiException.invalid("value", "the request body could not be read: " + ex.getMessage());
			}
		}
		if (body.tooLarge()) {
			throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "VALUE_TOO_LARGE", "value", "value of '" + key
					+ "' is " + ((body.length() >= 0) ? body.length() + " bytes, " : "") + "more than "
					+ KeyValueStore.MAX_VALUE_BYTES + ((body.length() >= 0) ? "" : " bytes"))
				.with("max", KeyValueStore.MAX_VALUE_BYTES);
		}
		return body.bytes();
	}

	/**
	 * Runs a store call, naming the field at fault when it refuses its input.
	 */
	private static <T> T check(String field, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.invalid(field, ex.getMessage());
		}
	}

	/**
	 * The store a write goes to: that of the application session it is bound to, or the sidecar's own.
	 */
	private KeyValueStore store(String session) {
		return (session != null) ? this.sessions.get(session).client().keyValue() : store();
	}

}
