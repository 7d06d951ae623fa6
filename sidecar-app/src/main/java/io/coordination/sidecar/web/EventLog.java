package io.coordination.sidecar.web;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A numbered, bounded log of events that clients follow as Server-Sent Events (resuming after {@code Last-Event-ID})
 * or with blocking queries ({@code ?index=N&wait=30s}: the events after N, waiting for one if there is none).
 */
public final class EventLog {

	private final int capacity;

	private final Deque<Event> events = new ArrayDeque<>();

	private final List<SseEmitter> subscribers = new CopyOnWriteArrayList<>();

	private long last;

	private boolean closed;

	/**
	 * Creates a log.
	 * @param capacity how many recent events are kept for clients that resume
	 */
	public EventLog(int capacity) {
		this.capacity = capacity;
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
		// sent in order, under the lock: a subscriber never sees event n+1 before event n
		for (SseEmitter subscriber : this.subscribers) {
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
		SseEmitter emitter = new SseEmitter(0L);
		List<Event> backlog;
		synchronized (this) {
			backlog = since(after);
			if (this.closed) {
				backlog.forEach((event) -> send(emitter, event));
				emitter.complete();
				return emitter;
			}
			this.subscribers.add(emitter);
			// sent while holding the lock: nothing newer can slip in before the backlog
			backlog.forEach((event) -> send(emitter, event));
		}
		emitter.onCompletion(() -> this.subscribers.remove(emitter));
		emitter.onTimeout(() -> this.subscribers.remove(emitter));
		emitter.onError((error) -> this.subscribers.remove(emitter));
		return emitter;
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
		for (SseEmitter subscriber : this.subscribers) {
			subscriber.complete();
		}
		this.subscribers.clear();
	}

	private void send(SseEmitter emitter, Event event) {
		try {
			emitter.send(SseEmitter.event()
				.id(Long.toString(event.index()))
				.name(event.type())
				.data(event.data(), MediaType.APPLICATION_JSON));
		}
		catch (IOException | IllegalStateException ex) {
			this.subscribers.remove(emitter);
			emitter.completeWithError(ex);
		}
	}

}
