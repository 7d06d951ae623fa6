package io.coordination.client.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import io.coordination.kv.Compare;
import io.coordination.kv.KeyValue;
import io.coordination.kv.KeyValueEvent;
import io.coordination.kv.Op;
import io.coordination.kv.PutOptions;
import io.coordination.kv.Txn;
import io.coordination.kv.TxnResult;

/**
 * The JSON of the key-value API: entries, changes and transactions. Values travel Base64-encoded, byte for byte.
 */
final class KvJson {

	private KvJson() {
	}

	/**
	 * Reads an entry.
	 * @param node the JSON
	 * @return the entry, or {@code null} for a JSON null
	 */
	static KeyValue entry(JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return null;
		}
		byte[] value = Base64.getDecoder().decode(node.path("valueBase64").asString(""));
		Instant expiresAt = node.hasNonNull("expiresAt") ? Instant.parse(node.path("expiresAt").asString()) : null;
		return new KeyValue(node.path("key").asString(), value, node.path("createRevision").asLong(),
				node.path("modRevision").asLong(), node.path("version").asLong(), expiresAt,
				node.path("ownerSession").asLong());
	}

	/**
	 * Reads a list of entries.
	 * @param node the JSON array
	 * @return the entries
	 */
	static List<KeyValue> entries(JsonNode node) {
		List<KeyValue> entries = new ArrayList<>();
		node.forEach((element) -> entries.add(entry(element)));
		return entries;
	}

	/**
	 * Reads the changes of one revision.
	 * @param node the JSON array
	 * @return the changes
	 */
	static List<KeyValueEvent> events(JsonNode node) {
		List<KeyValueEvent> events = new ArrayList<>();
		node.forEach((event) -> events.add(new KeyValueEvent(KeyValueEvent.Type.valueOf(event.path("type").asString()),
				event.path("key").asString(), entry(event.get("entry")), event.path("revision").asLong())));
		return events;
	}

	/**
	 * Writes a transaction.
	 * @param txn the transaction
	 * @return its JSON
	 */
	static Map<String, Object> txn(Txn txn) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("compares", txn.compares().stream().map(KvJson::compare).toList());
		body.put("then", txn.then().stream().map(KvJson::op).toList());
		body.put("otherwise", txn.otherwise().stream().map(KvJson::op).toList());
		return body;
	}

	/**
	 * Whether a transaction binds a key to the session.
	 * @param txn the transaction
	 * @return whether it does
	 */
	static boolean bindsToSession(Txn txn) {
		return txn.then().stream().anyMatch(KvJson::ephemeral) || txn.otherwise().stream().anyMatch(KvJson::ephemeral);
	}

	private static boolean ephemeral(Op op) {
		return op instanceof Op.Put put && put.options().ephemeral();
	}

	private static Map<String, Object> compare(Compare compare) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("key", compare.key());
		json.put("target", compare.target().name());
		json.put("operator", compare.operator().name());
		json.put("number", compare.number());
		json.put("valueBase64", Base64.getEncoder().encodeToString(compare.value()));
		return json;
	}

	private static Map<String, Object> op(Op op) {
		Map<String, Object> json = new LinkedHashMap<>();
		if (op instanceof Op.Put put) {
			json.put("op", "put");
			json.put("key", put.key());
			json.put("valueBase64", Base64.getEncoder().encodeToString(put.value()));
			PutOptions options = put.options();
			if (options.ttl() != null) {
				json.put("ttl", duration(options.ttl()));
			}
			if (options.ephemeral()) {
				json.put("ephemeral", true);
			}
			if (options.expectedVersion() != PutOptions.ANY_VERSION) {
				json.put("expectedVersion", options.expectedVersion());
			}
		}
		else if (op instanceof Op.Delete delete) {
			json.put("op", "delete");
			json.put("key", delete.key());
			json.put("prefix", delete.prefix());
		}
		else if (op instanceof Op.Get get) {
			json.put("op", "get");
			json.put("key", get.key());
			json.put("prefix", get.prefix());
		}
		return json;
	}

	/**
	 * Reads what a transaction did.
	 * @param node the JSON
	 * @return the result
	 */
	static TxnResult txnResult(JsonNode node) {
		List<TxnResult.OpResult> results = new ArrayList<>();
		node.path("results").forEach((result) -> results.add(new TxnResult.OpResult(entries(result.path("entries")))));
		return new TxnResult(node.path("succeeded").asBoolean(), node.path("revision").asLong(), results);
	}

	/**
	 * A duration as the API reads it, in milliseconds (at least 1).
	 * @param duration the duration
	 * @return the text
	 */
	static String duration(Duration duration) {
		return Math.max(1, duration.toMillis()) + "ms";
	}

}
