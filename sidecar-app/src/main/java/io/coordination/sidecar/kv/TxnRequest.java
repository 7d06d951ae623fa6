package io.coordination.sidecar.kv;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import io.coordination.kv.Compare;
import io.coordination.kv.Op;
import io.coordination.kv.PutOptions;
import io.coordination.kv.Txn;
import io.coordination.sidecar.web.ApiException;
import io.coordination.sidecar.web.Durations;

/**
 * A transaction as JSON: if every comparison holds, the {@code then} operations run, otherwise the
 * {@code otherwise} operations, atomically at one revision.
 *
 * <pre>{@code
 * {"compares": [{"key": "/a", "target": "VALUE", "operator": "EQUAL", "value": "10"}],
 *  "then": [{"op": "put", "key": "/a", "value": "0"}, {"op": "delete", "key": "/b/", "prefix": true}],
 *  "otherwise": [{"op": "get", "key": "/a"}]}
 * }</pre>
 *
 * @param compares conditions, all must hold
 * @param then operations run when they hold
 * @param otherwise operations run when one does not
 */
public record TxnRequest(List<CompareRequest> compares, List<OpRequest> then, List<OpRequest> otherwise) {

	/**
	 * One condition.
	 *
	 * @param key the key
	 * @param target {@code VERSION}, {@code VALUE}, {@code MOD_REVISION} or {@code CREATE_REVISION}
	 * @param operator {@code EQUAL}, {@code NOT_EQUAL}, {@code LESS} or {@code GREATER}
	 * @param number the number compared with (versions, revisions)
	 * @param value the value compared with, as UTF-8 text
	 * @param valueBase64 the value compared with, Base64-encoded (instead of {@code value})
	 */
	public record CompareRequest(String key, Compare.Target target, Compare.Operator operator, Long number,
			String value, String valueBase64) {
	}

	/**
	 * One operation.
	 *
	 * @param op {@code put}, {@code delete} or {@code get}
	 * @param key the key, or the prefix with {@code prefix}
	 * @param prefix whether {@code key} is a prefix (delete and get)
	 * @param value the value to write, as UTF-8 text (put)
	 * @param valueBase64 the value to write, Base64-encoded (instead of {@code value})
	 * @param ttl time to live of the written key, for example {@code 30s} (put)
	 * @param ephemeral whether the written key is bound to the request's session (put)
	 * @param expectedVersion version condition of the write (put; a comparison is the usual way)
	 */
	public record OpRequest(String op, String key, Boolean prefix, String value, String valueBase64, String ttl,
			Boolean ephemeral, Long expectedVersion) {
	}

	/**
	 * Whether an operation binds a key to the session.
	 * @return whether one does
	 */
	boolean bindsToSession() {
		return ops(this.then).stream().anyMatch((op) -> Boolean.TRUE.equals(op.ephemeral()))
				|| ops(this.otherwise).stream().anyMatch((op) -> Boolean.TRUE.equals(op.ephemeral()));
	}

	/**
	 * The transaction.
	 * @return the transaction
	 * @throws ApiException naming the field at fault
	 */
	Txn toTxn() {
		List<Compare> conditions = new ArrayList<>();
		List<CompareRequest> requested = (this.compares != null) ? this.compares : List.of();
		for (int i = 0; i < requested.size(); i++) {
			conditions.add(compare("compares[" + i + "]", requested.get(i)));
		}
		return new Txn(conditions, ops("then", this.then), ops("otherwise", this.otherwise));
	}

	/**
	 * The field of the operation or comparison an error message is about, if it quotes one of their keys.
	 * @param message the message
	 * @return the field, or {@code null}
	 */
	String fieldOf(String message) {
		if (message == null) {
			return null;
		}
		List<CompareRequest> conditions = (this.compares != null) ? this.compares : List.of();
		for (int i = 0; i < conditions.size(); i++) {
			if (quotes(message, conditions.get(i).key())) {
				return "compares[" + i + "].key";
			}
		}
		String field = fieldOf(message, "then", this.then);
		return (field != null) ? field : fieldOf(message, "otherwise", this.otherwise);
	}

	private static String fieldOf(String message, String branch, List<OpRequest> ops) {
		List<OpRequest> all = ops(ops);
		for (int i = 0; i < all.size(); i++) {
			if (quotes(message, all.get(i).key())) {
				return branch + "[" + i + "]" + (message.startsWith("value of") ? ".value" : ".key");
			}
		}
		return null;
	}

	private static boolean quotes(String message, String key) {
		return key != null && (message.contains("'" + key + "'")
				|| (key.length() > 40 && message.contains("'" + key.substring(0, 40) + "...'")));
	}

	private static List<OpRequest> ops(List<OpRequest> ops) {
		return (ops != null) ? ops : List.of();
	}

	private static Compare compare(String field, CompareRequest request) {
		if (request == null) {
			throw ApiException.invalid(field, "'" + field + "' must not be null");
		}
		required(field + ".key", request.key());
		if (request.target() == null) {
			throw ApiException.invalid(field + ".target",
					"'target' is required: VERSION, VALUE, MOD_REVISION or CREATE_REVISION");
		}
		if (request.operator() == null) {
			throw ApiException.invalid(field + ".operator", "'operator' is required: EQUAL, NOT_EQUAL, LESS or GREATER");
		}
		byte[] value = bytes(field, request.value(), request.valueBase64(), false);
		if (request.target() == Compare.Target.VALUE && value == null) {
			throw ApiException.invalid(field + ".value",
					"a comparison on VALUE needs 'value' or 'valueBase64' (the value to compare with)");
		}
		if (request.target() != Compare.Target.VALUE && request.number() == null) {
			throw ApiException.invalid(field + ".number",
					"a comparison on " + request.target() + " needs 'number' (the number to compare with)");
		}
		long number = (request.number() != null) ? request.number() : 0;
		return new Compare(request.key(), request.target(), request.operator(), number, value);
	}

	private static List<Op> ops(String branch, List<OpRequest> requests) {
		List<Op> ops = new ArrayList<>();
		List<OpRequest> all = ops(requests);
		for (int i = 0; i < all.size(); i++) {
			ops.add(op(branch + "[" + i + "]", all.get(i)));
		}
		return ops;
	}

	private static Op op(String field, OpRequest request) {
		if (request == null) {
			throw ApiException.invalid(field, "'" + field + "' must not be null");
		}
		required(field + ".op", request.op());
		required(field + ".key", request.key());
		boolean prefix = Boolean.TRUE.equals(request.prefix());
		String kind = request.op().toLowerCase(Locale.ROOT);
		if (!kind.equals("put")) {
			if (request.value() != null || request.valueBase64() != null || request.ttl() != null
					|| request.ephemeral() != null || request.expectedVersion() != null) {
				throw ApiException.invalid(field, "a " + kind + " has no value, ttl, ephemeral or expectedVersion");
			}
		}
		return switch (kind) {
			case "put" -> {
				if (prefix) {
					throw ApiException.invalid(field + ".prefix", "a put writes one key, not a prefix");
				}
				byte[] value = bytes(field, request.value(), request.valueBase64(), true);
				Duration ttl = Durations.parse(field + ".ttl", request.ttl(), Durations.LONGEST);
				if (ttl != null && ttl.isZero()) {
					throw ApiException.invalid(field + ".ttl", "ttl must be positive: " + request.ttl());
				}
				long expected = (request.expectedVersion() != null) ? request.expectedVersion()
						: PutOptions.ANY_VERSION;
				if (expected < PutOptions.ANY_VERSION) {
					throw ApiException.invalid(field + ".expectedVersion",
							"expectedVersion must be -1 (any), 0 (absent) or a version: " + expected);
				}
				yield Op.put(request.key(), value,
						new PutOptions(expected, ttl, Boolean.TRUE.equals(request.ephemeral())));
			}
			case "delete" -> prefix ? Op.deletePrefix(request.key()) : Op.delete(request.key());
			case "get" -> Op.get(request.key(), prefix);
			default -> throw ApiException.invalid(field + ".op",
					"'op' must be 'put', 'delete' or 'get', not '" + request.op() + "'");
		};
	}

	private static void required(String field, String value) {
		if (value == null) {
			throw ApiException.invalid(field, "'" + field + "' is required");
		}
	}

	private static byte[] bytes(String field, String text, String base64, boolean required) {
		if (text != null && base64 != null) {
			throw ApiException.invalid(field + ".value", "give 'value' or 'valueBase64', not both");
		}
		if (base64 != null) {
			try {
				return Base64.getDecoder().decode(base64);
			}
			catch (IllegalArgumentException ex) {
				throw ApiException.invalid(field + ".valueBase64", "not valid Base64: " + ex.getMessage());
			}
		}
		if (text != null) {
			return text.getBytes(StandardCharsets.UTF_8);
		}
		if (required) {
			throw ApiException.invalid(field + ".value", "a put needs 'value' or 'valueBase64'");
		}
		return null;
	}

}
