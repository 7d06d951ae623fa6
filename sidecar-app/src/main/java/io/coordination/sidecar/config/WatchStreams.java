package io.coordination.sidecar.config;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.coordination.sidecar.web.SseStreams;

/**
 * The open watch streams of this sidecar (configuration, services, groups): each is a watch of the sidecar's own
 * client streamed to one HTTP client as Server-Sent Events. A stream starts with a {@code snapshot} event (the current
 * state, sent once the watch is in place: a client that has it misses no later change), then every change the watch
 * reports, in order. Event ids grow across streams and restarts (they start from the clock), so a client that
 * reconnects with {@code Last-Event-ID} accepts the new stream's events; it compares the new snapshot with what it
 * knows. A stream may instead carry its own event ids, revisions of the cluster's key-value store, so that a client
 * resumes exactly after the last event it saw ({@link #stream(String, Function)}). Events are written by
 * {@link SseStreams}, never on the thread that reports them (a slow client delays no one else, one too far behind is
 * disconnected, idle streams send keep-alive comments); the watch is closed when its stream ends.
 */
@Component
public class WatchStreams {

	private static final Log logger = LogFactory.getLog(WatchStreams.class);

	/** Event ids: above those of any earlier stream of this process, and of earlier processes. */
	private static final AtomicLong ids = new AtomicLong(System.currentTimeMillis() * 1000);

	private final SseStreams streams;

	WatchStreams(SseStreams streams) {
		this.streams = streams;
	}

	/**
	 * Starts a stream: the watch is started (its reports wait), then the snapshot is read and sent first, then the
	 * reports in order. A snapshot read before the watch starts can be passed as a constant supplier.
	 * @param description what is watched, for logs
	 * @param watch starts the watch, reporting to the stream; returns what stops it
	 * @param snapshot the current state
	 * @return the stream
	 */
	public SseEmitter stream(String description, Function<WatchStream, AutoCloseable> watch, Supplier<?> snapshot) {
		WatchStream stream = new WatchStream(description, false);
		try {
			stream.watching(watch.apply(stream));
			stream.ready(snapshot.get());
		}
		catch (RuntimeException ex) {
			stream.channel.close();
			throw ex;
		}
		return stream.channel.emitter();
	}

	/**
	 * Starts a stream whose events carry their own ids (revisions): the watch sends every event itself with
	 * {@link WatchStream#send(String, long, Object)}, in increasing id order, as soon as it is started (a snapshot
	 * first when the client does not resume).
	 * @param description what is watched, for logs
	 * @param watch starts the watch, reporting to the stream; returns what stops it
	 * @return the stream
	 */
	public SseEmitter stream(String description, Function<WatchStream, AutoCloseable> watch) {
		WatchStream stream = new WatchStream(description, true);
		try {
			stream.watching(watch.apply(stream));
		}
		catch (RuntimeException ex) {
			stream.channel.close();
			throw ex;
		}
		return stream.channel.emitter();
	}

	/**
	 * One stream: reports are held until the snapshot is sent (their ids follow the snapshot's).
	 */
	public final class WatchStream {

		private final String description;

		private final SseStreams.Channel channel;

		private final List<Object[]> held = new ArrayList<>();

		private boolean ready;

		WatchStream(String description, boolean ready) {
			this.description = description;
			this.ready = ready;
			this.channel = WatchStreams.this.streams.open("The watch stream of " + description);
		}

		/**
		 * Sends a change (held until the snapshot is sent).
		 * @param type the event type
		 * @param data the payload
		 */
		public synchronized void send(String type, Object data) {
			if (!this.ready) {
				if (this.channel.isOpen()) {
					this.held.add(new Object[] { type, data });
				}
				return;
			}
			emit(type, data);
		}

		/**
		 * Sends an event with its own id, at once (streams started with {@link WatchStreams#stream(String, Function)}).
		 * @param type the event type
		 * @param id the event id, above that of any earlier event of the stream
		 * @param data the payload
		 */
		public synchronized void send(String type, long id, Object data) {
			this.channel.send(id, type, data);
		}

		/**
		 * Ends the stream once what was sent reaches the client: the client reconnects with the id of the last event
		 * it saw.
		 */
		public void end() {
			this.channel.complete();
		}

		void watching(AutoCloseable watch) {
			// at once if the stream ended while the watch was starting
			this.channel.onClosed(() -> close(watch));
		}

		synchronized void ready(Object snapshot) {
			emit("snapshot", snapshot);
			for (Object[] change : this.held) {
				emit((String) change[0], change[1]);
			}
			this.held.clear();
			this.ready = true;
		}

		private void emit(String type, Object data) {
			if (this.channel.isOpen()) {
				this.channel.send(ids.incrementAndGet(), type, data);
			}
		}

		private void close(AutoCloseable stopping) {
			if (stopping != null) {
				try {
					stopping.close();
				}
				catch (Exception ex) {
					logger.debug("Stopping the watch of " + this.description + ": " + ex);
				}
			}
		}

	}

}
