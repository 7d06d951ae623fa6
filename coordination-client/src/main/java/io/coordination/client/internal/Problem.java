package io.coordination.client.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

import io.coordination.CoordinationException;
import io.coordination.LostReason;
import io.coordination.OwnershipLostException;
import io.coordination.barrier.BarrierPartiesMismatchException;
import io.coordination.config.ConfigValidationException;
import io.coordination.kv.CompactedRevisionException;
import io.coordination.kv.VersionConflictException;
import io.coordination.lock.DeadlockDetectedException;
import io.coordination.lock.DeadlockReport;
import io.coordination.semaphore.PermitCountMismatchException;

/**
 * An error answer of the API ({@code application/problem+json}).
 *
 * @param status HTTP status
 * @param code stable code
 * @param detail what went wrong
 * @param field the field at fault, or {@code null}
 * @param body the whole problem body
 * @param call the call, for messages
 */
public record Problem(int status, String code, String detail, String field, JsonNode body, String call) {

	static Problem read(JsonMapper json, int status, byte[] body, String call) {
		JsonNode node;
		try {
			node = json.readTree(body);
		}
		catch (RuntimeException ex) {
			node = MissingNode.getInstance();
		}
		String code = node.path("code").asString("HTTP_" + status);
		String detail = node.path("detail").asString(new String(body, StandardCharsets.UTF_8));
		String field = node.hasNonNull("field") ? node.path("field").asString() : null;
		return new Problem(status, code, detail, field, node, call);
	}

	/**
	 * The problem in words.
	 * @return the description
	 */
	public String describe() {
		return this.call + ": " + this.status + " " + this.code + ": " + this.detail;
	}

	/**
	 * The API's exception for this problem.
	 * @param json to read structured properties
	 * @return the exception
	 */
	public RuntimeException toException(JsonMapper json) {
		return switch (this.code) {
			case "INVALID_ARGUMENT", "INVALID_BODY", "BAD_REQUEST" -> new IllegalArgumentException(this.detail);
			case "VERSION_CONFLICT" -> new VersionConflictException(this.body.path("key").asString(""),
					this.body.path("expected").asLong(), this.body.path("actual").asLong());
			case "COMPACTED" -> new CompactedRevisionException(this.body.path("requested").asLong(),
					this.body.path("compacted").asLong(), this.body.path("current").asLong());
			case "CONFIG_INVALID" -> configInvalid();
			case "DEADLOCK" -> new DeadlockDetectedException(json.treeToValue(this.body.path("report"),
					DeadlockReport.class));
			case "PERMIT_COUNT_MISMATCH" -> new PermitCountMismatchException(this.body.path("semaphore").asString(""),
					this.body.path("expected").asInt(), this.body.path("actual").asInt());
			case "BARRIER_PARTIES_MISMATCH" -> new BarrierPartiesMismatchException(
					this.body.path("barrier").asString(""), this.body.path("expected").asInt(),
					this.body.path("actual").asInt());
			case "OWNERSHIP_LOST" -> new OwnershipLostException(this.body.path("resource").asString(""),
					this.body.path("token").asLong(), LostReason.valueOf(this.body.path("reason").asString()));
			case "CONFLICT" -> new IllegalStateException(this.detail);
			case "QUOTA_EXCEEDED" -> new io.coordination.QuotaExceededException(this.detail);
			default -> new CoordinationException(describe());
		};
	}

	private ConfigValidationException configInvalid() {
		List<String> errors = new ArrayList<>();
		this.body.path("errors").forEach((error) -> errors.add(error.asString()));
		return new ConfigValidationException(this.body.path("document").asString(""), errors);
	}

}
