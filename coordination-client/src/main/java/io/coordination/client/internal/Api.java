package io.coordination.client.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.coordination.CoordinationInterruptedException;
import io.coordination.CoordinationUnavailableException;

/**
 * Calls of the sidecar's HTTP API: JSON in and out, errors read from their problem body. Idempotent calls are
 * retried with exponential backoff on transient failures (unreachable sidecar, 503); a call that may change state is
 * never retried blindly. A circuit breaker fails calls fast while the sidecar keeps failing.
 */
public final class Api {

	private final URI base;

	private final HttpClient http;

	private final JsonMapper json;

	private final Duration timeout;

	private final String token;

	private final Retry retry;

	private final CircuitBreaker breaker;

	/**
	 * Creates the API.
	 * @param base the sidecar's URL, for example {@code http://127.0.0.1:8500}
	 * @param timeout longest wait for an answer (plus any wait the call asks the sidecar for)
	 * @param token bearer token, or {@code null}
	 * @param retryAttempts attempts of an idempotent call
	 * @param sslContext TLS settings for an {@code https} URL, or {@code null} for the JVM's
	 */
	public Api(URI base, Duration timeout, String token, int retryAttempts, SSLContext sslContext) {
		this.base = base;
		this.timeout = timeout;
		this.token = token;
		HttpClient.Builder client = HttpClient.newBuilder()
			.connectTimeout(timeout)
			.version(HttpClient.Version.HTTP_1_1)
			// answers are handled where they arrive, without a hand-over to a pool thread per request (the calls
			// are synchronous; nothing slow runs in the client's callbacks)
			.executor(Runnable::run);
		if (sslContext != null) {
			client.sslContext(sslContext);
		}
		this.http = client.build();
		this.json = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
		this.retry = Retry.of("coordination-sidecar", RetryConfig.custom()
			.maxAttempts(Math.max(1, retryAttempts))
			.intervalFunction(IntervalFunction.ofExponentialBackoff(Duration.ofMillis(100), 2, Duration.ofSeconds(2)))
			.retryExceptions(CoordinationUnavailableException.class)
			.ignoreExceptions(CallNotPermittedException.class)
			.build());
		this.breaker = CircuitBreaker.of("coordination-sidecar", CircuitBreakerConfig.custom()
			.slidingWindowSize(20)
			.minimumNumberOfCalls(10)
			.failureRateThreshold(80)
			.waitDurationInOpenState(Duration.ofSeconds(2))
			.recordExceptions(CoordinationUnavailableException.class)
			.build());
	}

	/**
	 * The JSON mapper.
	 * @return the mapper
	 */
	public JsonMapper json() {
		return this.json;
	}

	/**
	 * The HTTP client (for event streams).
	 * @return the client
	 */
	public HttpClient http() {
		return this.http;
	}

	/**
	 * Forgets the failures seen so far: the sidecar is known to answer again (it was waited for at start-up), so calls
	 * are not refused for what happened before.
	 */
	public void forgetFailures() {
		this.breaker.reset();
	}

	/**
	 * The longest wait for an answer.
	 * @return the timeout
	 */
	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * A request to the API.
	 * @param method the HTTP method
	 * @param path the path, already encoded
	 * @return the request
	 */
	public Call call(String method, String path) {
		return new Call(method, path);
	}

	/**
	 * Encodes one path segment (a name that may contain {@code /}).
	 * @param segment the segment
	 * @return the encoded segment
	 */
	public static String segment(String segment) {
		return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/**
	 * Encodes a key: its {@code /} stay path separators, everything else is percent-encoded.
	 * @param key the key
	 * @return the encoded path
	 */
	public static String key(String key) {
		StringJoiner joined = new StringJoiner("/");
		for (String part : key.split("/", -1)) {
			joined.add(segment(part));
		}
		return joined.toString();
	}

	HttpRequest.Builder request(URI uri) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
		if (this.token != null) {
			builder.header("Authorization", "Bearer " + this.token);
		}
		return builder;
	}

	URI uri(String path) {
		return this.base.resolve(path);
	}

	/**
	 * One request being built.
	 */
	public final class Call {

		private final String method;

		private final String path;

		private final Map<String, String> query = new LinkedHashMap<>();

		private final Map<String, String> headers = new LinkedHashMap<>();

		private byte[] body;

		private String contentType;

		private Duration extraWait = Duration.ZERO;

		private boolean noTimeout;

		private boolean idempotent;

		private final Set<String> expected = new HashSet<>();

		Call(String method, String path) {
			this.method = method;
			this.path = path;
			this.idempotent = method.equals("GET") || method.equals("PUT") || method.equals("DELETE");
		}

		/**
		 * Adds a query parameter, unless its value is {@code null}.
		 * @param name the name
		 * @param value the value
		 * @return this call
		 */
		public Call param(String name, Object value) {
			if (value != null) {
				this.query.put(name, (value instanceof Duration duration) ? duration.toMillis() + "ms"
						: String.valueOf(value));
			}
			return this;
		}

		/**
		 * Adds a header.
		 * @param name the name
		 * @param value the value
		 * @return this call
		 */
		public Call header(String name, String value) {
			this.headers.put(name, value);
			return this;
		}

		/**
		 * Sends a JSON body.
		 * @param value the body
		 * @return this call
		 */
		public Call json(Object value) {
			this.body = Api.this.json.writeValueAsBytes(value);
			this.contentType = "application/json";
			return this;
		}

		/**
		 * Sends raw bytes.
		 * @param bytes the body
		 * @return this call
		 */
		public Call bytes(byte[] bytes) {
			this.body = bytes;
			this.contentType = "application/octet-stream";
			return this;
		}

		/**
		 * The sidecar may wait this long before answering (an acquisition with a wait).
		 * @param wait the wait, or {@code null} to wait without limit
		 * @return this call
		 */
		public Call waiting(Duration wait) {
			if (wait == null) {
				this.noTimeout = true;
			}
			else {
				this.extraWait = wait;
			}
			return this;
		}

		/**
		 * Problems the caller turns into results itself: they are thrown as {@link ProblemException}; any other
		 * problem is thrown as the API's exception for it.
		 * @param codes the problem codes
		 * @return this call
		 */
		public Call expect(String... codes) {
			this.expected.addAll(List.of(codes));
			return this;
		}

		/**
		 * Whether the call may be repeated safely after a transient failure.
		 * @param idempotent whether it may
		 * @return this call
		 */
		public Call idempotent(boolean idempotent) {
			this.idempotent = idempotent;
			return this;
		}

		/**
		 * Sends the call and reads a JSON answer.
		 * @param <T> the answer type
		 * @param type the answer type
		 * @return the answer
		 */
		public <T> T as(Class<T> type) {
			return read(send(), this.json(type));
		}

		/**
		 * Sends the call and reads a JSON answer of a generic type.
		 * @param <T> the answer type
		 * @param type the answer type
		 * @return the answer
		 */
		public <T> T as(TypeReference<T> type) {
			return read(send(), Api.this.json.getTypeFactory().constructType(type));
		}

		/**
		 * Sends the call and reads the answer as a JSON tree.
		 * @return the answer
		 */
		public JsonNode tree() {
			return Api.this.json.readTree(send().body());
		}

		/**
		 * Sends the call, ignoring the answer's body.
		 * @return the status
		 */
		public int execute() {
			return send().statusCode();
		}

		/**
		 * Sends the call.
		 * @return the answer, 2xx
		 * @throws ProblemException for a problem answer the caller expects
		 * @throws CoordinationUnavailableException if the sidecar could not be reached or is unavailable
		 */
		public HttpResponse<byte[]> send() {
			Supplier<HttpResponse<byte[]>> attempt = CircuitBreaker.decorateSupplier(Api.this.breaker, this::once);
			if (this.idempotent) {
				attempt = Retry.decorateSupplier(Api.this.retry, attempt);
			}
			try {
				return attempt.get();
			}
			catch (CallNotPermittedException ex) {
				throw new CoordinationUnavailableException(
						"The sidecar at " + Api.this.base + " keeps failing; calls are refused for a moment", ex);
			}
		}

		private JavaType json(Class<?> type) {
			return Api.this.json.getTypeFactory().constructType(type);
		}

		private <T> T read(HttpResponse<byte[]> response, JavaType type) {
			return Api.this.json.readValue(response.body(), type);
		}

		private HttpResponse<byte[]> once() {
			StringBuilder target = new StringBuilder(this.path);
			if (!this.query.isEmpty()) {
				StringJoiner joined = new StringJoiner("&", "?", "");
				this.query.forEach((name, value) -> joined.add(segment(name) + "=" + segment(value)));
				target.append(joined);
			}
			HttpRequest.Builder builder = request(uri(target.toString()))
				.method(this.method, (this.body != null) ? HttpRequest.BodyPublishers.ofByteArray(this.body)
						: HttpRequest.BodyPublishers.noBody());
			if (!this.noTimeout) {
				builder.timeout(Api.this.timeout.plus(this.extraWait));
			}
			if (this.contentType != null) {
				builder.header("Content-Type", this.contentType);
			}
			builder.header("Accept", "application/json");
			this.headers.forEach(builder::header);
			HttpResponse<byte[]> response;
			try {
				response = Api.this.http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
			}
			catch (IOException ex) {
				throw new CoordinationUnavailableException(
						this.method + " " + this.path + ": the sidecar at " + Api.this.base + " is unreachable: " + ex,
						ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new CoordinationInterruptedException("Interrupted during " + this.method + " " + this.path, ex);
			}
			int status = response.statusCode();
			if (status >= 200 && status < 300) {
				return response;
			}
			Problem problem = Problem.read(Api.this.json, status, response.body(), this.method + " " + this.path);
			if (status == 503 || status == 502 || status == 504) {
				throw new CoordinationUnavailableException(problem.describe());
			}
			if (this.expected.contains(problem.code())) {
				throw new ProblemException(problem);
			}
			throw problem.toException(Api.this.json);
		}

	}

	/**
	 * Reads a list answer.
	 * @param <T> element type
	 * @param call the call
	 * @param element element type
	 * @return the list
	 */
	public <T> List<T> list(Call call, Class<T> element) {
		JavaType type = this.json.getTypeFactory().constructCollectionType(List.class, element);
		return this.json.readValue(call.send().body(), type);
	}

	/**
	 * Converts a JSON tree to a value.
	 * @param <T> the type
	 * @param node the tree
	 * @param type the type
	 * @return the value
	 */
	public <T> T convert(JsonNode node, Class<T> type) {
		return this.json.treeToValue(node, type);
	}

	/**
	 * Joins values for a query parameter.
	 * @param values the values
	 * @return comma-separated
	 */
	public static String joined(Collection<String> values) {
		return String.join(",", values);
	}

}
