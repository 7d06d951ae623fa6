package io.coordination.client.internal;

import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import io.coordination.config.ConfigListener;
import io.coordination.config.EffectiveConfig;
import io.coordination.session.SessionListener;
import io.coordination.session.SessionState;

/**
 * A watch of the configuration of one instance: follows the sidecar's stream of it (event ids are revisions), which
 * starts with a {@code snapshot} and then sends a {@code config} event per change. After a reconnect the stream
 * resumes after the last revision seen ({@code Last-Event-ID}), so no change is lost; a configuration equal to the one
 * delivered last is not delivered again, as with an embedded client. The listener runs on the client's notifier
 * thread, in order. The watch ends when it is closed or when the client is.
 */
final class HttpConfigWatch implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(HttpConfigWatch.class);

	private final ClientSession session;

	private final Api api;

	private final String description;

	private final ConfigListener listener;

	private final SessionListener sessionListener = (id, state) -> {
		if (state == SessionState.CLOSED) {
			close();
		}
	};

	private volatile EventStream stream;

	private volatile boolean closed;

	/** The configuration delivered last, on the stream thread. */
	private EffectiveConfig last;

	private HttpConfigWatch(ClientSession session, Api api, String description, ConfigListener listener) {
		this.session = session;
		this.api = api;
		this.description = description;
		this.listener = listener;
	}

	/**
	 * Starts watching; returns once the stream is established (its snapshot received).
	 * @param session the client's session
	 * @param api the API
	 * @param path the stream's path and query, encoded
	 * @param description what is watched, for messages
	 * @param listener receives the configuration
	 * @return the watch
	 * @throws io.coordination.CoordinationUnavailableException if the stream could not be established in time
	 */
	static HttpConfigWatch start(ClientSession session, Api api, String path, String description,
			ConfigListener listener) {
		HttpConfigWatch watch = new HttpConfigWatch(session, api, description, listener);
		watch.stream = new EventStream(api, "coordination-config-watch", (after) -> path, 0, watch::event,
				(problem) -> logger.warn("Watching {} stopped: {}", description, problem.describe()));
		try {
			watch.stream.awaitOpen(description);
		}
		catch (RuntimeException ex) {
			watch.close();
			throw ex;
		}
		session.addListener(watch.sessionListener);
		if (session.state() == SessionState.CLOSED) {
			watch.close();
		}
		return watch;
	}

	private void event(String type, JsonNode data) {
		switch (type) {
			case "snapshot" -> {
				// the first event, or the first after a reconnect that could not resume
				JsonNode config = data.path("config");
				if (config.isObject()) {
					changed(this.api.convert(config, EffectiveConfig.class));
				}
			}
			case "config" -> changed(this.api.convert(data, EffectiveConfig.class));
			default -> {
			}
		}
	}

	private void changed(EffectiveConfig config) {
		if (config.equals(this.last)) {
			return;
		}
		this.last = config;
		if (this.closed) {
			return;
		}
		try {
			this.session.notify(() -> {
				if (!this.closed) {
					this.listener.changed(config);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// the client is closing
		}
	}

	@Override
	public void close() {
		this.closed = true;
		this.session.removeListener(this.sessionListener);
		EventStream following = this.stream;
		if (following != null) {
			following.close();
		}
	}

	@Override
	public String toString() {
		return "watch of " + this.description + " via the sidecar";
	}

}
