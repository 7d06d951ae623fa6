package io.coordination.client.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import io.coordination.CoordinationInterruptedException;
import io.coordination.CoordinationUnavailableException;

/**
 * Follows a Server-Sent Events stream of the API on its own thread: reconnects after a failure with
 * {@code Last-Event-ID}, so that no event is lost or repeated (events at or below the last one seen are dropped).
 */
public final class EventStream implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(EventStream.class);

	/**
	 * Type of the event a stream may open with: its id is the index the stream continues after, so it is handled on
	 * every (re)connection and never moves the index on.
	 */
	static final String OPENING = "watching";

	/**
	 * Type of an event that carries the whole state: handled whatever its id, which the stream continues from (a
	 * sidecar that restarted numbers its events again from the start).
	 */
	static final String SNAPSHOT = "snapshot";

	private final Api api;

	private final LongFunction<String> path;

	private final BiConsumer<String, JsonNode> handler;

	private final Consumer<Problem> ended;

	private final Thread thread;

	private volatile boolean closed;

	private volatile long lastId;

	private volatile InputStream current;

	private final CountDownLatch opened = new CountDownLatch(1);

	private volatile Problem refusal;

	/**
	 * Starts following a stream.
	 * @param api the API
	 * @param name thread name
	 * @param path the stream's path for the events after an index
	 * @param from the index of the last event already seen
	 * @param handler receives each event's type and data, in order, on the stream's thread
	 * @param ended told when the sidecar refuses the stream with a problem (the stream stops)
	 */
	public EventStream(Api api, String name, LongFunction<String> path, long from, BiConsumer<String, JsonNode> handler,
			Consumer<Problem> ended) {
		this.api = api;
		this.path = path;
		this.lastId = from;
		this.handler = handler;
		this.ended = ended;
		this.thread = new Thread(this::run, name);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * Waits until the stream is open: its first event (the sidecar sends the current state or the revision it starts
	 * after first) has been handled. A refusal before that is thrown here; one after it goes to the stream's
	 * {@code ended} callback. The stream is closed if it does not open.
	 * @param description what is watched, for messages
	 * @throws CoordinationUnavailableException if it did not open within the API's timeout
	 * @throws RuntimeException the API's exception for the sidecar's refusal
	 */
	public void awaitOpen(String description) {
		Duration timeout = this.api.timeout();
		try {
			if (!this.opened.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
				close();
				throw new CoordinationUnavailableException(
						"Could not start watching " + description + " within " + timeout);
			}
		}
		catch (InterruptedException ex) {
			close();
			Thread.currentThread().interrupt();
			throw new CoordinationInterruptedException("Interrupted while starting to watch " + description, ex);
		}
		Problem refused = this.refusal;
		if (refused != null) {
			close();
			throw refused.toException(this.api.json());
		}
	}

	/**
	 * The index of the last event handled.
	 * @return the index
	 */
	public long lastId() {
		return this.lastId;
	}

	private void run() {
		long backoff = 100;
		while (!this.closed) {
			try {
				HttpRequest request = this.api.request(this.api.uri(this.path.apply(this.lastId)))
					.header("Accept", "text/event-stream")
					.header("Last-Event-ID", Long.toString(this.lastId))
					.GET()
					.build();
				HttpResponse<InputStream> response = this.api.http()
					.send(request, HttpResponse.BodyHandlers.ofInputStream());
				if (response.statusCode() != 200) {
					byte[] body;
					try (InputStream in = response.body()) {
						body = in.readAllBytes();
					}
					Problem problem = Problem.read(this.api.json(), response.statusCode(), body, "event stream");
					if (response.statusCode() < 500) {
						this.closed = true;
						if (this.opened.getCount() > 0) {
							// told to whoever awaits the opening
							this.refusal = problem;
							this.opened.countDown();
						}
						else {
							this.ended.accept(problem);
						}
						return;
					}
					throw new IOException(problem.describe());
				}
				backoff = 100;
				read(response.body());
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (Exception ex) {
				if (this.closed) {
					return;
				}
				logger.debug("Event stream interrupted, reconnecting: {}", ex.toString());
			}
			try {
				Thread.sleep(backoff);
			}
			catch (InterruptedException ex) {
				return;
			}
			backoff = Math.min(2_000, backoff * 2);
		}
	}

	private void read(InputStream body) throws IOException {
		this.current = body;
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
			String id = null;
			String type = "message";
			StringBuilder data = new StringBuilder();
			String line;
			while (!this.closed && (line = reader.readLine()) != null) {
				if (line.isEmpty()) {
					dispatch(id, type, data);
					id = null;
					type = "message";
					data.setLength(0);
				}
				else if (line.startsWith("id:")) {
					id = line.substring(3).trim();
				}
				else if (line.startsWith("event:")) {
					type = line.substring(6).trim();
				}
				else if (line.startsWith("data:")) {
					if (data.length() > 0) {
						data.append('\n');
					}
					data.append(line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5));
				}
			}
		}
	}

	private void dispatch(String id, String type, StringBuilder data) {
		if (id == null || data.length() == 0) {
			return;
		}
		long index = Long.parseLong(id);
		boolean opening = OPENING.equals(type);
		boolean snapshot = SNAPSHOT.equals(type);
		if (index <= this.lastId && !opening && !snapshot) {
			return;
		}
		try {
			this.handler.accept(type, this.api.json().readTree(data.toString()));
		}
		catch (RuntimeException ex) {
			logger.warn("Handling event {} '{}' failed: {}", index, type, ex.toString());
		}
		this.opened.countDown();
		if (!opening) {
			this.lastId = index;
		}
	}

	@Override
	public void close() {
		this.closed = true;
		this.thread.interrupt();
		InputStream in = this.current;
		if (in != null) {
			try {
				in.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
	}

}
