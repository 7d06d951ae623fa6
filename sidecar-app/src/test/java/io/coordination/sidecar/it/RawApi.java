package io.coordination.sidecar.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plain HTTP calls of the API, as a client in another language makes them.
 */
final class RawApi {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final JsonMapper json = JsonMapper.builder().build();

	private final String base;

	RawApi(String base) {
		this.base = base;
	}

	/**
	 * An answer: status and body.
	 *
	 * @param status the status
	 * @param contentType the content type
	 * @param body the body
	 * @param index the {@code X-Coordination-Index} header of a blocking query, or -1
	 */
	record Answer(int status, String contentType, String body, long index) {

		JsonNode json() {
			return RawApi.json.readTree(this.body);
		}

	}

	Answer send(String method, String path, String contentType, String body) {
		return request(method, path, (contentType != null) ? Map.of("Content-Type", contentType) : Map.of(), body);
	}

	Answer request(String method, String path, Map<String, String> headers, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(60))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
					: HttpRequest.BodyPublishers.noBody());
		headers.forEach(request::header);
		if (!headers.containsKey("Accept")) {
			request.header("Accept", "application/json");
		}
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body(),
					response.headers().firstValue("X-Coordination-Index").map(Long::parseLong).orElse(-1L));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	Answer json(String method, String path, String body) {
		return send(method, path, "application/json", body);
	}

	Answer get(String path) {
		return send("GET", path, null, null);
	}

	String createSession(String ttl, String checks) {
		Answer created = json("POST", "/v1/sessions",
				"{\"name\":\"raw\",\"ttl\":\"" + ttl + "\"" + ((checks != null) ? ",\"checks\":[" + checks + "]" : "")
						+ "}");
		if (created.status() != 201) {
			throw new IllegalStateException("Session not created: " + created);
		}
		return created.json().path("id").asString();
	}

}
