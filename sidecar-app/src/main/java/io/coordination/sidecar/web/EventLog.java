package io.coordination.sidecar.web;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A numbered, bounded log of events that clients follow as Server-Sent Events (resuming after {@code Last-Event-ID})
 * or with blocking queries ({@code ?index=N&wait=30s}: the events after N, waiting for one if there is none).
 * Subscribers are {@link SseStreams} channels: publishing only queues, a subscriber that does not read delays no one
 * (and is disconnected once too far behind).
 */
public final class EventLog {

	private final int capacity;

	private final SseStreams streams;

	private final Deque<Event> events = new ArrayDeque<>();

	private final List<SseStreams.Channel> subscribers = new CopyOnWriteArrayList<>();

	private long last;

	private boolean closed;

	/**
	 * Creates a log whose subscribers are streamed by the given streams.
	 * @param capacity how many recent events are kept for clients that resume
	 * @param streams the event streams of the application
	 */
	public EventLog(int capacity, SseStreams streams) {
		this.capacity = capacity;
		this.streams = Objects.requireNonNull(streams, "streams");
	}

	/**
	 * One event.
	 *
	 * @param index its number, from 1
	 * @param type its type (the SSE event name)
	 * @param data its JSON payload
	 */
	public record Event(long index, String type, Object data) {
	}

	/**
	 * Appends an event and sends it to every subscriber.
	 * @param type the type
	 * @param data the payload
	 */
	public synchronized void publish(String type, Object data) {
		if (this.closed) {
			return;
		}
		Event event = new Event(++this.last, type, data);
		this.events.addLast(event);
		while (this.events.size() > this.capacity) {
			this.events.removeFirst();
		}
		notifyAll();
		// queued in order, under the lock: a subscriber never sees event n+1 before event n
		for (SseStreams.Channel subscriber : this.subscribers) {
			send(subscriber, event);
		}
	}

	/**
	 * The index of the newest event.
	 * @return the index, 0 if none
	 */
	public synchronized long lastIndex() {
		return this.last;
	}

	/**
	 * The events after an index, waiting up to {@code wait} for one if there is none yet.
	 * @param after the index the client has seen
	 * @param wait longest wait
	 * @return the events (empty if none came)
	 * @throws ApiException if events after that index were dropped
	 */
	public synchronized List<Event> after(long after, Duration wait) {
		long deadline = System.nanoTime() + wait.toNanos();
		while (this.last <= after && !this.closed) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				break;
			}
			try {
				TimeUnit.NANOSECONDS.timedWait(this, left);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return since(after);
	}

	private List<Event> since(long after) {
		if (!this.events.isEmpty() && this.events.peekFirst().index() > after + 1 && after < this.last) {
			throw new ApiException(org.springframework.http.HttpStatus.GONE, "EVENTS_DROPPED", "index",
					"Events after " + after + " are no longer kept (oldest kept: " + this.events.peekFirst().index()
							+ "); read the current state again")
				.with("oldest", this.events.peekFirst().index());
		}
		List<Event> result = new ArrayList<>();
		for (Event event : this.events) {
			if (event.index() > after) {
				result.add(event);
			}
		}
		return result;
	}

	/**
	 * Streams the events after an index, then every new one, until the log closes or the client goes.
	 * @param after the index the client has seen
	 * @return the emitter
	 */
	public SseEmitter subscribe(long after) {
		SseStreams.Channel channel;
		synchronized (this) {
			List<Event> backlog = since(after);
			// room for the whole backlog and as many new events
			channel = this.streams.open("An event stream", false, Math.max(SseStreams.MAX_PENDING, 2 * this.capacity));
			// queued while holding the lock: nothing newer can slip in before the backlog
			backlog.forEach((event) -> send(channel, event));
			if (this.closed) {
				channel.complete();
				return channel.emitter();
			}
			this.subscribers.add(channel);
		}
		channel.onClosed(() -> this.subscribers.remove(channel));
		return channel.emitter();
	}

	/**
	 * Ends every stream, after a last event.
	 * @param type the last event's type
	 * @param data its payload
	 */
	public synchronized void close(String type, Object data) {
		publish(type, data);
		this.closed = true;
		notifyAll();
		// each stream ends once it has sent what was queued, this last event among them
		for (SseStreams.Channel subscriber : this.subscribers) {
			subscriber.complete();
		}
		this.subscribers.clear();
	}

	private static void send(SseStreams.Channel channel, Event event) {
		channel.send(event.index(), event.type(), event.data());
	}

}
