package io.coordination.sidecar.web;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter.SseEventBuilder;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

import io.coordination.CoordinationUnavailableException;
import io.coordination.sidecar.SidecarProperties;

/**
 * The Server-Sent Event streams of this sidecar, each a {@link Channel} to one HTTP client. Whoever feeds a channel
 * (typically the thread of the cluster client that delivers notifications) never writes to the socket: events are
 * queued per channel and written, in order, by a pooled sender thread, so a client that does not read (paused,
 * partitioned without a reset) delays no one but itself. One that falls more than {@link #MAX_PENDING} events, or
 * {@code coordination.sidecar.limits.stream-buffer} bytes, behind is disconnected; it resumes with
 * {@code Last-Event-ID}. Payloads are written to JSON when queued, so what a stream holds is counted in bytes. Every {@value #KEEP_ALIVE_SECONDS} seconds an idle channel
 * sends a keep-alive comment, so that clients gone away are noticed. What a channel streams (a watch, a listener) is
 * stopped by its {@linkplain Channel#onClosed(Runnable) closed callbacks}, run on a sender thread as soon as the
 * channel takes no more events: the client went away, failed, timed out, overflowed, or the stream was ended.
 */
@Component
public class SseStreams implements SmartLifecycle, DisposableBean {

	private static final Log logger = LogFactory.getLog(SseStreams.class);

	/** Seconds between keep-alive comments of an idle channel. */
	public static final long KEEP_ALIVE_SECONDS = 15;

	/** Events a client may fall behind before it is disconnected. */
	public static final int MAX_PENDING = 10_000;

	/** Marks the end of a channel's queue: the stream completes once what came before is sent. */
	private static final Object END = new Object();

	private final Set<Channel> open = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "coordination-sidecar-sse-keepalive");
		thread.setDaemon(true);
		return thread;
	});

	private final AtomicInteger senderCount = new AtomicInteger();

	private final ExecutorService senders = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "coordination-sidecar-sse-" + this.senderCount.incrementAndGet());
		thread.setDaemon(true);
		return thread;
	});

	private final ObjectProvider<JsonMapper> json;

	private final long maxPendingBytes;

	private volatile boolean stopping;

	private volatile boolean running;

	/**
	 * Creates the streams, and starts sending keep-alive comments.
	 * @param json writes payloads as Spring MVC would
	 * @param properties the size of a stream's queue
	 */
	public SseStreams(ObjectProvider<JsonMapper> json, SidecarProperties properties) {
		this.json = json;
		this.maxPendingBytes = properties.getLimits().getStreamBuffer().toBytes();
		this.keepAlive.scheduleWithFixedDelay(() -> this.open.forEach(Channel::keepAlive), KEEP_ALIVE_SECONDS,
				KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
	}

	/**
	 * Opens a channel that sends events as soon as they are given.
	 * @param description what it streams, for logs
	 * @return the channel
	 */
	public Channel open(String description) {
		return open(description, false, MAX_PENDING);
	}

	/**
	 * Opens a channel that holds the events it is given until {@link Channel#start(String, String, Object)} puts a
	 * first event ahead of them: what a watch reports while it starts waits for the event that describes its start.
	 * @param description what it streams, for logs
	 * @return the channel
	 */
	public Channel openHeld(String description) {
		return open(description, true, MAX_PENDING);
	}

	/**
	 * Opens a channel.
	 * @param description what it streams, for logs
	 * @param held whether events wait for {@link Channel#start(String, String, Object)}
	 * @param maxPending events the client may fall behind before it is disconnected
	 * @return the channel
	 */
	public Channel open(String description, boolean held, int maxPending) {
		if (this.stopping || !this.running) {
			throw new CoordinationUnavailableException("The sidecar is stopping: no new event streams");
		}
		Channel channel = new Channel(description, held, maxPending);
		this.open.add(channel);
		if (this.stopping || !this.running) {
			// stopped meanwhile, perhaps without seeing this channel: closed here instead
			channel.close();
			throw new CoordinationUnavailableException("The sidecar is stopping: no new event streams");
		}
		return channel;
	}

	@Override
	public void start() {
		this.running = true;
	}

	/**
	 * Ends every stream before the web server's graceful shutdown, which would otherwise wait for them (they are
	 * asynchronous requests) until its timeout; clients reconnect to another sidecar.
	 */
	@Override
	public void stop() {
		this.running = false;
		this.open.forEach(Channel::close);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// stopped before the web server's graceful shutdown (DEFAULT_PHASE - 1024)
		return SmartLifecycle.DEFAULT_PHASE - 512;
	}

	@Override
	public void destroy() {
		this.stopping = true;
		this.keepAlive.shutdownNow();
		this.open.forEach(Channel::close);
		this.senders.shutdownNow();
	}

	/**
	 * Runs a task on a sender thread, or on this one when the streams are stopping.
	 */
	private void execute(Runnable task) {
		if (!this.stopping) {
			try {
				this.senders.execute(task);
				return;
			}
			catch (RejectedExecutionException ex) {
				// stopping
			}
		}
		task.run();
	}

	/**
	 * One stream to one client. Its methods never block on the client: they queue (all but {@link #emitter()}).
	 * Events are sent in the order they were queued.
	 */
	public final class Channel {

		private final String description;

		private final int maxPending;

		private final SseEmitter emitter = new SseEmitter(0L);

		private final Deque<Object> pending = new ArrayDeque<>();

		private long pendingBytes;

		private final List<Runnable> closedCallbacks = new ArrayList<>();

		private boolean held;

		private boolean sending;

		/** Takes no more events: ended, or closed. */
		private boolean ending;

		/** Closed: sends nothing more. */
		private boolean done;

		Channel(String description, boolean held, int maxPending) {
			this.description = description;
			this.held = held;
			this.maxPending = maxPending;
			this.emitter.onCompletion(this::close);
			this.emitter.onTimeout(this::close);
			this.emitter.onError((error) -> close());
		}

		/**
		 * The emitter to return from the handler method.
		 * @return the emitter
		 */
		public SseEmitter emitter() {
			return this.emitter;
		}

		/**
		 * Queues an event with a JSON payload.
		 * @param id the event id
		 * @param name the event name
		 * @param data the payload
		 */
		public void send(String id, String name, Object data) {
			enqueue(event(id, name, data));
		}

		private Queued event(String id, String name, Object data) {
			String payload = SseStreams.this.json.getIfAvailable(() -> JsonMapper.builder().build())
				.writeValueAsString(data);
			return new Queued(SseEmitter.event().id(id).name(name).data(payload, MediaType.APPLICATION_JSON),
					payload.length() + 64L);
		}

		/**
		 * Queues an event with a JSON payload.
		 * @param id the event id
		 * @param name the event name
		 * @param data the payload
		 */
		public void send(long id, String name, Object data) {
			send(Long.toString(id), name, data);
		}

		/**
		 * Queues a comment.
		 * @param text the comment
		 */
		public void comment(String text) {
			enqueue(new Queued(SseEmitter.event().comment(text), text.length() + 8L));
		}

		/**
		 * Puts a first event ahead of those queued meanwhile, and starts sending (channels opened with
		 * {@link SseStreams#openHeld(String)}).
		 * @param id the event id
		 * @param name the event name
		 * @param data the payload
		 */
		public void start(String id, String name, Object data) {
			boolean overflow;
			synchronized (this) {
				if (this.done) {
					return;
				}
				Queued first = event(id, name, data);
				this.pending.addFirst(first);
				this.pendingBytes += first.bytes();
				this.held = false;
				overflow = overflows();
				if (!overflow) {
					drainLater();
				}
			}
			if (overflow) {
				overflowed();
			}
		}

		/**
		 * Ends the stream once the events queued are sent: it takes no more, and its closed callbacks run now. A
		 * channel still held starts sending.
		 */
		public void complete() {
			List<Runnable> callbacks;
			synchronized (this) {
				if (this.done || this.ending) {
					return;
				}
				this.ending = true;
				this.held = false;
				this.pending.addLast(END);
				drainLater();
				callbacks = takeCallbacks();
			}
			runLater(callbacks, false);
		}

		/**
		 * Ends the stream at once, dropping the events not sent yet (the client resumes with the last it saw).
		 */
		public void close() {
			List<Runnable> callbacks;
			synchronized (this) {
				if (this.done) {
					return;
				}
				this.done = true;
				this.ending = true;
				this.pending.clear();
				this.pendingBytes = 0;
				callbacks = takeCallbacks();
			}
			SseStreams.this.open.remove(this);
			// not on the caller's thread: completing waits for a send in progress, which waits for the client
			runLater(callbacks, true);
		}

		/**
		 * Registers what stops the source of the stream's events, run on a sender thread once the stream takes no
		 * more events (at once if it already does not).
		 * @param callback the callback
		 */
		public void onClosed(Runnable callback) {
			synchronized (this) {
				if (!this.ending) {
					this.closedCallbacks.add(callback);
					return;
				}
			}
			runLater(List.of(callback), false);
		}

		/**
		 * Whether the stream still takes events.
		 * @return whether it does
		 */
		public synchronized boolean isOpen() {
			return !this.ending;
		}

		void keepAlive() {
			synchronized (this) {
				if (this.held || this.ending || this.sending || !this.pending.isEmpty()) {
					return;
				}
			}
			comment("keep-alive");
		}

		private void enqueue(Queued event) {
			boolean overflow;
			synchronized (this) {
				if (this.ending) {
					return;
				}
				this.pending.addLast(event);
				this.pendingBytes += event.bytes();
				overflow = overflows();
				if (!overflow) {
					drainLater();
				}
			}
			if (overflow) {
				overflowed();
			}
		}

		/** Called holding the lock. */
		private boolean overflows() {
			return this.pending.size() > this.maxPending || this.pendingBytes > SseStreams.this.maxPendingBytes;
		}

		private void overflowed() {
			logger.info(this.description + " fell more than " + this.maxPending + " events or "
					+ SseStreams.this.maxPendingBytes + " bytes behind: disconnected");
			close();
		}

		/** Called holding the lock. */
		private void drainLater() {
			if (this.held || this.sending || this.done || this.pending.isEmpty()) {
				return;
			}
			this.sending = true;
			try {
				SseStreams.this.senders.execute(this::drain);
			}
			catch (RejectedExecutionException ex) {
				this.sending = false;
			}
		}

		private void drain() {
			while (true) {
				Object next;
				synchronized (this) {
					next = this.pending.pollFirst();
					if (next == null || this.done) {
						this.sending = false;
						return;
					}
				}
				if (next == END) {
					synchronized (this) {
						this.sending = false;
					}
					close();
					return;
				}
				Queued queued = (Queued) next;
				synchronized (this) {
					this.pendingBytes -= queued.bytes();
				}
				try {
					this.emitter.send(queued.event());
				}
				catch (IOException | IllegalStateException ex) {
					logger.debug(this.description + " ends: " + ex);
					synchronized (this) {
						this.sending = false;
					}
					close();
					return;
				}
			}
		}

		/** Called holding the lock. */
		private List<Runnable> takeCallbacks() {
			List<Runnable> callbacks = List.copyOf(this.closedCallbacks);
			this.closedCallbacks.clear();
			return callbacks;
		}

		private void runLater(List<Runnable> callbacks, boolean completeEmitter) {
			if (callbacks.isEmpty() && !completeEmitter) {
				return;
			}
			execute(() -> {
				for (Runnable callback : callbacks) {
					try {
						callback.run();
					}
					catch (RuntimeException ex) {
						logger.debug("Stopping " + this.description + ": " + ex);
					}
				}
				if (completeEmitter) {
					try {
						this.emitter.complete();
					}
					catch (RuntimeException ex) {
						// already completed
					}
				}
			});
		}

	}

	/**
	 * An event waiting to be sent, and how many bytes it holds.
	 */
	private record Queued(SseEventBuilder event, long bytes) {
	}

}
