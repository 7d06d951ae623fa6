package io.coordination.sidecar.web;

import java.net.URI;
import java.util.Locale;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

import io.coordination.CoordinationException;
import io.coordination.CoordinationInterruptedException;
import io.coordination.CoordinationUnavailableException;
import io.coordination.OwnershipLostException;
import io.coordination.barrier.BarrierPartiesMismatchException;
import io.coordination.config.ConfigValidationException;
import io.coordination.kv.CompactedRevisionException;
import io.coordination.kv.VersionConflictException;
import io.coordination.lock.DeadlockDetectedException;
import io.coordination.semaphore.PermitCountMismatchException;

/**
 * Every error of the API as {@code application/problem+json}: {@code status}, {@code title}, {@code detail}, a stable
 * {@code code}, the {@code field} at fault when there is one, and what a client needs to act (expected and actual
 * versions, the deadlock cycle, every validation error). Bad input is a 4xx, never a 5xx.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Log log = LogFactory.getLog(ApiExceptionHandler.class);

	/** Base of the problem type URIs. */
	public static final String TYPE_BASE = "https://coordination.io/problems/";

	@ExceptionHandler(ApiException.class)
	ResponseEntity<Object> api(ApiException ex) {
		ProblemDetail problem = problem(ex.status(), ex.code(), ex.getMessage(), ex.field());
		ex.properties().forEach(problem::setProperty);
		return respond(problem);
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ResponseEntity<Object> illegalArgument(IllegalArgumentException ex) {
		return respond(problem(HttpStatus.BAD_REQUEST, "INVALID_ARGUMENT", ex.getMessage(), null));
	}

	@ExceptionHandler(IllegalStateException.class)
	ResponseEntity<Object> illegalState(IllegalStateException ex) {
		return respond(problem(HttpStatus.CONFLICT, "CONFLICT", ex.getMessage(), null));
	}

	@ExceptionHandler(VersionConflictException.class)
	ResponseEntity<Object> versionConflict(VersionConflictException ex) {
		return respond(HttpStatus.PRECONDITION_FAILED, "VERSION_CONFLICT", ex.getMessage(), null, "key", ex.key(),
				"expected", ex.expected(), "actual", ex.actual());
	}

	@ExceptionHandler(CompactedRevisionException.class)
	ResponseEntity<Object> compacted(CompactedRevisionException ex) {
		return respond(HttpStatus.GONE, "COMPACTED", ex.getMessage(), "fromRevision", "requested", ex.requested(),
				"compacted", ex.compacted(), "current", ex.current());
	}

	@ExceptionHandler(ConfigValidationException.class)
	ResponseEntity<Object> configInvalid(ConfigValidationException ex) {
		return respond(HttpStatus.UNPROCESSABLE_CONTENT, "CONFIG_INVALID", ex.getMessage(), "content", "document",
				ex.document(), "errors", ex.violations());
	}

	@ExceptionHandler(DeadlockDetectedException.class)
	ResponseEntity<Object> deadlock(DeadlockDetectedException ex) {
		return respond(HttpStatus.CONFLICT, "DEADLOCK", ex.getMessage(), null, "report", ex.report());
	}

	@ExceptionHandler(PermitCountMismatchException.class)
	ResponseEntity<Object> permits(PermitCountMismatchException ex) {
		return respond(HttpStatus.CONFLICT, "PERMIT_COUNT_MISMATCH", ex.getMessage(), "total", "semaphore",
				ex.semaphore(), "expected", ex.expected(), "actual", ex.actual());
	}

	@ExceptionHandler(BarrierPartiesMismatchException.class)
	ResponseEntity<Object> parties(BarrierPartiesMismatchException ex) {
		return respond(HttpStatus.CONFLICT, "BARRIER_PARTIES_MISMATCH", ex.getMessage(), "parties", "barrier",
				ex.barrier(), "expected", ex.expected(), "actual", ex.actual());
	}

	@ExceptionHandler(OwnershipLostException.class)
	ResponseEntity<Object> ownershipLost(OwnershipLostException ex) {
		return respond(HttpStatus.CONFLICT, "OWNERSHIP_LOST", ex.getMessage(), null, "resource", ex.resource(),
				"token", ex.fencingToken(), "reason", ex.reason());
	}

	@ExceptionHandler({ CoordinationUnavailableException.class, CoordinationInterruptedException.class })
	ResponseEntity<Object> unavailable(CoordinationException ex) {
		ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "UNAVAILABLE", ex.getMessage(), null);
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "1")
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	@ExceptionHandler(io.coordination.QuotaExceededException.class)
	ResponseEntity<Object> quotaExceeded(io.coordination.QuotaExceededException ex) {
		return respond(problem(HttpStatus.TOO_MANY_REQUESTS, "QUOTA_EXCEEDED", ex.getMessage(), null));
	}

	@ExceptionHandler(CoordinationException.class)
	ResponseEntity<Object> coordination(CoordinationException ex) {
		return respond(problem(HttpStatus.CONFLICT, "CONFLICT", ex.getMessage(), null));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (current instanceof RequestSizeFilter.BodyTooLargeException tooLarge) {
				return respond(problem(HttpStatus.CONTENT_TOO_LARGE, "REQUEST_TOO_LARGE", tooLarge.getMessage(), "body"));
			}
		}
		Throwable cause = ex.getMostSpecificCause();
		String field = null;
		String detail = "The request body is not valid JSON for this operation";
		if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
			field = databind.getPath()
				.stream()
				.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
						: "[" + reference.getIndex() + "]")
				.collect(Collectors.joining("."))
				.replace(".[", "[");
			detail = "Invalid value for '" + field + "': " + withoutTypeNames(databind.getOriginalMessage());
		}
		else if (cause instanceof JacksonException jackson) {
			detail = "Malformed JSON: " + withoutTypeNames(jackson.getOriginalMessage());
		}
		else if (ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")) {
			detail = "A request body is required";
		}
		return respond(problem(HttpStatus.BAD_REQUEST, "INVALID_BODY", detail, field));
	}

	private static final java.util.regex.Pattern TYPE_NAME = java.util.regex.Pattern.compile("`([^`]+)`");

	/**
	 * Jackson's messages name Java types ({@code `java.lang.String`}, {@code `JsonToken.START_ARRAY`}); the problem
	 * says what JSON was expected instead.
	 */
	static String withoutTypeNames(String message) {
		if (message == null) {
			return "not valid for this field";
		}
		java.util.regex.Matcher names = TYPE_NAME.matcher(message);
		StringBuilder out = new StringBuilder();
		while (names.find()) {
			names.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(jsonKind(names.group(1))));
		}
		names.appendTail(out);
		return out.toString().replaceAll("\\s*\\(token [^)]*\\)", "").replaceAll("\\s*\\(class [^)]*\\)", "");
	}

	private static String jsonKind(String javaType) {
		String type = javaType.replaceAll("<.*", "");
		if (type.startsWith("JsonToken.")) {
			return switch (type.substring("JsonToken.".length())) {
				case "START_ARRAY" -> "an array";
				case "START_OBJECT" -> "an object";
				case "VALUE_STRING" -> "a string";
				case "VALUE_NUMBER_INT", "VALUE_NUMBER_FLOAT" -> "a number";
				case "VALUE_TRUE", "VALUE_FALSE" -> "a boolean";
				case "VALUE_NULL" -> "null";
				default -> "a JSON value";
			};
		}
		return switch (type) {
			case "java.lang.String", "java.time.Duration", "java.time.Instant" -> "a string";
			case "int", "long", "short", "java.lang.Integer", "java.lang.Long", "java.lang.Short" -> "an integer";
			case "double", "float", "java.lang.Double", "java.lang.Float", "java.math.BigDecimal" -> "a number";
			case "boolean", "java.lang.Boolean" -> "a boolean";
			default -> (type.startsWith("java.util.") && (type.contains("List") || type.contains("Set")
					|| type.contains("Collection"))) || type.endsWith("[]") ? "an array"
							: (type.startsWith("java.util.") && type.contains("Map")) ? "an object"
									: (type.contains(".")) ? "an object" : "a value";
		};
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return respond(problem(HttpStatus.BAD_REQUEST, "INVALID_ARGUMENT",
				"Missing parameter '" + ex.getParameterName() + "'", ex.getParameterName()));
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException ex) {
		return respond(problem(HttpStatus.BAD_REQUEST, "INVALID_ARGUMENT",
				"'" + ex.getValue() + "' is not a valid value for '" + ex.getName() + "'", ex.getName()));
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		// framework errors (unsupported media type, method not allowed, too large...) get a code as well
		if (body instanceof ProblemDetail problem && (problem.getProperties() == null
				|| !problem.getProperties().containsKey("code"))) {
			HttpStatus status = HttpStatus.resolve(statusCode.value());
			problem.setProperty("code", (status != null) ? status.name() : "ERROR");
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	@ExceptionHandler(RuntimeException.class)
	ResponseEntity<Object> unexpected(RuntimeException ex) {
		String reference = java.util.UUID.randomUUID().toString();
		log.error("Unexpected failure (reference " + reference + ")", ex);
		// no exception text: it could name internal classes or carry data; the log has it under the reference
		return respond(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL",
				"Unexpected failure; the sidecar's log has its details under reference " + reference, null,
				"reference", reference);
	}

	static ProblemDetail problem(HttpStatus status, String code, String detail, String field) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_BASE + code.toLowerCase(Locale.ROOT).replace('_', '-')));
		problem.setProperty("code", code);
		if (field != null) {
			problem.setProperty("field", field);
		}
		return problem;
	}

	/**
	 * A problem with properties, given as name, value, name, value...
	 */
	private static ResponseEntity<Object> respond(HttpStatus status, String code, String detail, String field,
			Object... properties) {
		ProblemDetail problem = problem(status, code, detail, field);
		for (int i = 0; i + 1 < properties.length; i += 2) {
			problem.setProperty((String) properties[i], properties[i + 1]);
		}
		return respond(problem);
	}

	private static ResponseEntity<Object> respond(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
