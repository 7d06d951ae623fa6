package io.coordination.sidecar.kv;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter.SseEventBuilder;

import io.coordination.kv.CompactedRevisionException;
import io.coordination.kv.KeyValueEvent;
import io.coordination.kv.KeyValueListener;
import io.coordination.kv.KeyValueStore;
import io.coordination.kv.KeyValueWatch;

/**
 * The open key-value watches of this sidecar, each a watch of the sidecar's own client streamed to one HTTP client
 * as Server-Sent Events: first a {@code watching} event whose id is the revision the stream starts after, then one
 * {@code changes} event per revision, its id the revision, so that a client resumes with {@code Last-Event-ID}.
 * Events are sent off the notification thread, so a slow client delays no one else; one that falls too far behind
 * is disconnected (it resumes where it was). A keep-alive comment every 15 seconds notices clients gone away; the
 * watch ends with the stream.
 */
@Component
public class KvWatchStreams implements DisposableBean {

	private static final Log logger = LogFactory.getLog(KvWatchStreams.class);

	private static final long KEEP_ALIVE_SECONDS = 15;

	/** Revisions a client may fall behind before it is disconnected. */
	private static final int MAX_PENDING = 10_000;

	private final Set<Stream> open = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "coordination-sidecar-kv-keepalive");
		thread.setDaemon(true);
		return thread;
	});

	private final ExecutorService senders = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "coordination-sidecar-kv-watch");
		thread.setDaemon(true);
		return thread;
	});

	KvWatchStreams() {
		this.keepAlive.scheduleWithFixedDelay(() -> this.open.forEach(Stream::keepAlive), KEEP_ALIVE_SECONDS,
				KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
	}

	/**
	 * Starts streaming the changes of a key or prefix.
	 * @param store the store watched
	 * @param key the key or prefix
	 * @param prefix whether it is a prefix
	 * @param fromRevision the first revision to send; 0 for the changes after now
	 * @return the stream
	 * @throws CompactedRevisionException if {@code fromRevision} is no longer kept (before anything is sent)
	 */
	SseEmitter open(KeyValueStore store, String key, boolean prefix, long fromRevision) {
		long from = (fromRevision > 0) ? fromRevision : store.revision() + 1;
		Stream stream = new Stream();
		KeyValueWatch watch = store.watch(key, prefix, from, stream);
		stream.started(watch, from - 1);
		return stream.emitter;
	}

	@Override
	public void destroy() {
		this.keepAlive.shutdownNow();
		this.open.forEach(Stream::finish);
		this.senders.shutdownNow();
	}

	private final class Stream implements KeyValueListener {

		private final SseEmitter emitter = new SseEmitter(0L);

		private final Deque<SseEventBuilder> pending = new ArrayDeque<>();

		private KeyValueWatch watch;

		private boolean ready;

		private boolean sending;

		private boolean done;

		Stream() {
			this.emitter.onCompletion(this::finish);
			this.emitter.onTimeout(this::finish);
			this.emitter.onError((error) -> finish());
		}

		/**
		 * The watch runs: the {@code watching} event goes first, then whatever arrived meanwhile.
		 */
		void started(KeyValueWatch started, long after) {
			synchronized (this) {
				this.watch = started;
				if (this.done) {
					started.close();
					return;
				}
				this.pending.addFirst(SseEmitter.event()
					.id(Long.toString(after))
					.name("watching")
					.data(Map.of("revision", Math.max(after, started.lastRevision()), "after", after),
							MediaType.APPLICATION_JSON));
				KvWatchStreams.this.open.add(this);
				this.ready = true;
				drainLater();
			}
		}

		@Override
		public void changed(List<KeyValueEvent> events) {
			if (events.isEmpty()) {
				return;
			}
			enqueue(SseEmitter.event()
				.id(Long.toString(events.get(0).revision()))
				.name("changes")
				.data(EventView.of(events), MediaType.APPLICATION_JSON));
		}

		@Override
		public void failed(CompactedRevisionException exception) {
			// the client reconnects from its last revision and is told the history is gone
			logger.debug("Watch stream ends: " + exception.getMessage());
			finish();
		}

		void keepAlive() {
			synchronized (this) {
				if (!this.pending.isEmpty()) {
					return;
				}
			}
			enqueue(SseEmitter.event().comment("keep-alive"));
		}

		private void enqueue(SseEventBuilder event) {
			boolean overflow;
			synchronized (this) {
				if (this.done) {
					return;
				}
				this.pending.addLast(event);
				overflow = this.pending.size() > MAX_PENDING;
				if (!overflow) {
					drainLater();
				}
			}
			if (overflow) {
				logger.info("A key-value watch stream fell " + MAX_PENDING + " revisions behind: disconnected");
				finish();
			}
		}

		/** Called holding the lock. */
		private void drainLater() {
			if (!this.ready || this.sending || this.pending.isEmpty()) {
				return;
			}
			this.sending = true;
			try {
				KvWatchStreams.this.senders.execute(this::drain);
			}
			catch (RejectedExecutionException ex) {
				this.sending = false;
			}
		}

		private void drain() {
			while (true) {
				SseEventBuilder next;
				synchronized (this) {
					next = this.pending.pollFirst();
					if (next == null || this.done) {
						this.sending = false;
						return;
					}
				}
				try {
					this.emitter.send(next);
				}
				catch (IOException | IllegalStateException ex) {
					synchronized (this) {
						this.sending = false;
					}
					finish();
					return;
				}
			}
		}

		void finish() {
			KeyValueWatch started;
			synchronized (this) {
				if (this.done) {
					return;
				}
				this.done = true;
				this.pending.clear();
				started = this.watch;
			}
			KvWatchStreams.this.open.remove(this);
			if (started != null) {
				try {
					started.close();
				}
				catch (RuntimeException ex) {
					logger.debug("Closing a key-value watch: " + ex);
				}
			}
			try {
				this.emitter.complete();
			}
			catch (RuntimeException ex) {
				// already completed
			}
		}

	}

}
