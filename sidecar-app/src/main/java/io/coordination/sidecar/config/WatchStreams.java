package io.coordination.sidecar.config;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open watch streams of this sidecar (configuration, services, groups): each is a watch of the sidecar's own
 * client streamed to one HTTP client as Server-Sent Events. A stream starts with a {@code snapshot} event (the current
 * state, sent once the watch is in place: a client that has it misses no later change), then every change the watch
 * reports, in order. Event ids grow across streams and restarts (they start from the clock), so a client that
 * reconnects with {@code Last-Event-ID} accepts the new stream's events; it compares the new snapshot with what it
 * knows. A stream may instead carry its own event ids, revisions of the cluster's key-value store, so that a client
 * resumes exactly after the last event it saw ({@link #stream(String, Function)}). A keep-alive comment every 15
 * seconds notices clients gone away, whose watches are then closed.
 */
@Component
public class WatchStreams implements DisposableBean {

	private static final Log logger = LogFactory.getLog(WatchStreams.class);

	private static final long KEEP_ALIVE_SECONDS = 15;

	/** Event ids: above those of any earlier stream of this process, and of earlier processes. */
	private static final AtomicLong ids = new AtomicLong(System.currentTimeMillis() * 1000);

	private final Set<WatchStream> open = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "coordination-sidecar-watch-streams");
		thread.setDaemon(true);
		return thread;
	});

	WatchStreams() {
		this.keepAlive.scheduleWithFixedDelay(() -> this.open.forEach(WatchStream::keepAlive), KEEP_ALIVE_SECONDS,
				KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
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
			stream.stop();
			throw ex;
		}
		return stream.emitter;
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
			stream.stop();
			throw ex;
		}
		return stream.emitter;
	}

	@Override
	public void destroy() {
		this.keepAlive.shutdownNow();
		this.open.forEach(WatchStream::complete);
	}

	/**
	 * One stream: reports are held until the snapshot is sent.
	 */
	public final class WatchStream {

		private final String description;

		private final SseEmitter emitter = new SseEmitter(0L);

		private final List<Object[]> held = new ArrayList<>();

		private AutoCloseable watch;

		private boolean ready;

		private boolean closed;

		WatchStream(String description, boolean ready) {
			this.description = description;
			this.ready = ready;
		}

		/**
		 * Sends a change (held until the snapshot is sent).
		 * @param type the event type
		 * @param data the payload
		 */
		public synchronized void send(String type, Object data) {
			if (!this.ready) {
				this.held.add(new Object[] { type, data });
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
			emit(type, id, data);
		}

		/**
		 * Ends the stream: the client reconnects with the id of the last event it saw.
		 */
		public void end() {
			complete();
		}

		void watching(AutoCloseable watch) {
			synchronized (this) {
				if (!this.closed) {
					this.watch = watch;
					WatchStreams.this.open.add(this);
					this.emitter.onCompletion(this::stop);
					this.emitter.onTimeout(this::stop);
					this.emitter.onError((error) -> stop());
					return;
				}
			}
			// the stream ended while the watch was starting
			close(watch);
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
			emit(type, ids.incrementAndGet(), data);
		}

		private void emit(String type, long id, Object data) {
			if (this.closed) {
				return;
			}
			try {
				this.emitter.send(SseEmitter.event()
					.id(Long.toString(id))
					.name(type)
					.data(data, MediaType.APPLICATION_JSON));
			}
			catch (IOException | IllegalStateException ex) {
				this.emitter.completeWithError(ex);
				stop();
			}
		}

		synchronized void keepAlive() {
			if (this.closed) {
				return;
			}
			try {
				this.emitter.send(SseEmitter.event().comment("keep-alive"));
			}
			catch (IOException | IllegalStateException ex) {
				this.emitter.completeWithError(ex);
				stop();
			}
		}

		void complete() {
			stop();
			this.emitter.complete();
		}

		void stop() {
			AutoCloseable stopping;
			synchronized (this) {
				if (this.closed) {
					return;
				}
				this.closed = true;
				stopping = this.watch;
				this.held.clear();
			}
			WatchStreams.this.open.remove(this);
			close(stopping);
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
