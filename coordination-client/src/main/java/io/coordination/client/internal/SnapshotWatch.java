package io.coordination.client.internal;

import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Follows a watch stream of the sidecar (services, a group): each connection starts with a {@code snapshot} event,
 * the current state, then streams the changes in order. After a reconnect the new snapshot is compared with what the
 * listener was told, so that it hears what it missed, and changes it already heard of are dropped. The handlers run
 * on the stream's thread, one at a time; the user's listener is called on the client's notifier thread, in order.
 */
abstract class SnapshotWatch implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(SnapshotWatch.class);

	private final ClientSession session;

	private final Api api;

	private final String description;

	private final SessionBindings bindings;

	private volatile EventStream stream;

	private volatile boolean closed;

	SnapshotWatch(ClientSession session, Api api, String description) {
		this.session = session;
		this.api = api;
		this.description = description;
		this.bindings = SessionBindings.of(session);
	}

	/**
	 * Starts following the stream and waits for its first snapshot (which the handler has seen when this returns).
	 * @param path the stream's path
	 * @return this watch
	 * @throws io.coordination.CoordinationUnavailableException if the snapshot does not come within the API's timeout
	 */
	final SnapshotWatch start(String path) {
		this.stream = new EventStream(this.api, "coordination-watch", (after) -> path, 0, this::event,
				(problem) -> logger.warn("Watching {} stopped: {}", this.description, problem.describe()));
		try {
			this.stream.awaitOpen(this.description);
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
		this.bindings.watching(this);
		return this;
	}

	private void event(String type, JsonNode data) {
		// a connection starts with a snapshot (the stream is open once the first is handled)
		if ("snapshot".equals(type)) {
			snapshot(data);
		}
		else {
			change(type, data);
		}
	}

	/**
	 * The state at the time the stream (re)started.
	 * @param data the snapshot
	 */
	protected abstract void snapshot(JsonNode data);

	/**
	 * A change after the snapshot.
	 * @param type the event type
	 * @param data the event
	 */
	protected abstract void change(String type, JsonNode data);

	/**
	 * Converts part of an event.
	 * @param <T> the type
	 * @param node the JSON
	 * @param type the type
	 * @return the value
	 */
	protected final <T> T convert(JsonNode node, Class<T> type) {
		return this.api.convert(node, type);
	}

	/**
	 * Calls the user's listener on the notifier thread, unless the watch is closed.
	 * @param callback the call
	 */
	protected final void tell(Runnable callback) {
		if (this.closed) {
			return;
		}
		try {
			this.session.notify(() -> {
				if (!this.closed) {
					callback.run();
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
		EventStream following = this.stream;
		if (following != null) {
			following.close();
		}
		this.bindings.stopped(this);
	}

	@Override
	public String toString() {
		return "watch of " + this.description;
	}

}
