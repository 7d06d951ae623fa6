package io.coordination.core.internal.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.coordination.core.internal.protocol.Command;
import io.coordination.core.internal.protocol.Result;
import io.coordination.kv.CompactedRevisionException;
import io.coordination.kv.KeyValueEvent;
import io.coordination.kv.KeyValueListener;
import io.coordination.kv.KeyValueWatch;

/**
 * This client's key-value watches. Each remembers the last revision it delivered: duplicates (an event resent after
 * a leader change) are dropped, and when a session expires the watch is re-established in the next session from the
 * revision after it, so nothing is lost or delivered twice.
 */
final class KvWatches {

	private static final Logger logger = LoggerFactory.getLogger(KvWatches.class);

	private final EmbeddedCoordination client;

	private final AtomicLong ids = new AtomicLong();

	private final Map<Long, ClientWatch> byId = new ConcurrentHashMap<>();

	private final Set<ClientWatch> all = ConcurrentHashMap.newKeySet();

	KvWatches(EmbeddedCoordination client) {
		this.client = client;
	}

	KeyValueWatch start(String key, boolean prefix, long fromRevision, KeyValueListener listener) {
		ClientWatch watch = new ClientWatch(key, prefix, listener, fromRevision - 1);
		long id = this.ids.incrementAndGet();
		watch.restarting(id);
		this.byId.put(id, watch);
		// known before the command leaves, so that a session replaced meanwhile resumes it
		this.all.add(watch);
		SessionChannel.Executed executed;
		try {
			executed = this.client.executeWithSession(new Command.KvWatch(id, key, prefix, fromRevision),
					"watch '" + key + "'");
		}
		catch (RuntimeException ex) {
			forget(watch);
			throw ex;
		}
		if (executed.result() instanceof Result.Compacted compacted) {
			forget(watch);
			throw new CompactedRevisionException(compacted.requested(), compacted.compacted(), compacted.current());
		}
		if (executed.result() instanceof Result.Failed failed) {
			forget(watch);
			throw EmbeddedCoordination.failure(key, failed);
		}
		watch.started(executed.sessionId(), (Result.Watching) executed.result());
		long current = this.client.sessionId();
		if (current != executed.sessionId()) {
			// the session was replaced while the watch started: resume it in the new one
			resume(watch, current);
		}
		return watch;
	}

	private void forget(ClientWatch watch) {
		watch.closed = true;
		this.all.remove(watch);
		this.byId.remove(watch.watchId());
	}

	void changed(long watchId, List<KeyValueEvent> events) {
		ClientWatch watch = this.byId.get(watchId);
		if (watch != null) {
			watch.live(events);
		}
	}

	void sessionEnded(long sessionId) {
		for (ClientWatch watch : this.all) {
			if (watch.sessionId() == sessionId) {
				this.byId.remove(watch.watchId());
			}
		}
	}

	void sessionOpened(long sessionId) {
		for (ClientWatch watch : this.all) {
			if (watch.sessionId() != sessionId && watch.sessionId() != 0 && !watch.closed) {
				resume(watch, sessionId);
			}
		}
	}

	private void resume(ClientWatch watch, long sessionId) {
		long id = this.ids.incrementAndGet();
		long from = watch.lastRevision() + 1;
		if (!watch.restarting(id)) {
			return;
		}
		this.byId.put(id, watch);
		this.client.executeAsync(new Command.KvWatch(id, watch.key, watch.prefix, from))
			.whenComplete((executed, error) -> {
				if (watch.closed) {
					return;
				}
				if (error != null || executed.result() instanceof Result.Failed) {
					logger.warn("Could not resume the watch of '{}' from revision {}, retrying: {}", watch.key, from,
							(error != null) ? error.toString() : executed.result());
					this.byId.remove(id);
					this.client.schedule(() -> {
						if (this.client.sessionId() == sessionId && !watch.closed) {
							resume(watch, sessionId);
						}
					}, java.time.Duration.ofSeconds(1));
				}
				else if (executed.result() instanceof Result.Watching watching) {
					watch.started(executed.sessionId(), watching);
				}
				else if (executed.result() instanceof Result.Compacted compacted) {
					forget(watch);
					CompactedRevisionException failure = new CompactedRevisionException(compacted.requested(),
							compacted.compacted(), compacted.current());
					this.client.notify(() -> watch.listener.failed(failure));
				}
			});
	}

	private void stop(ClientWatch watch, long watchId) {
		this.all.remove(watch);
		this.byId.remove(watchId);
		this.client.executeAsync(new Command.KvUnwatch(watchId));
	}

	/**
	 * One watch.
	 */
	private final class ClientWatch implements KeyValueWatch {

		final String key;

		final boolean prefix;

		final KeyValueListener listener;

		private long watchId;

		private long sessionId;

		volatile boolean closed;

		private long lastRevision;

		private boolean ready;

		private final List<KeyValueEvent> buffered = new ArrayList<>();

		ClientWatch(String key, boolean prefix, KeyValueListener listener, long lastRevision) {
			this.key = key;
			this.prefix = prefix;
			this.listener = listener;
			this.lastRevision = lastRevision;
		}

		synchronized long watchId() {
			return this.watchId;
		}

		synchronized long sessionId() {
			return this.sessionId;
		}

		/**
		 * Switches to a new watch id; events of the new registration are held until it has started.
		 * @return whether the watch is still open
		 */
		synchronized boolean restarting(long id) {
			if (this.closed) {
				return false;
			}
			this.watchId = id;
			this.ready = false;
			this.buffered.clear();
			return true;
		}

		synchronized void started(long session, Result.Watching watching) {
			this.sessionId = session;
			deliver(watching.past());
			if (watching.revision() > this.lastRevision) {
				this.lastRevision = watching.revision();
			}
			this.ready = true;
			List<KeyValueEvent> early = new ArrayList<>(this.buffered);
			this.buffered.clear();
			deliver(early);
		}

		synchronized void live(List<KeyValueEvent> events) {
			if (!this.ready) {
				this.buffered.addAll(events);
				return;
			}
			deliver(events);
		}

		private void deliver(List<KeyValueEvent> events) {
			int i = 0;
			while (i < events.size()) {
				long revision = events.get(i).revision();
				List<KeyValueEvent> group = new ArrayList<>();
				while (i < events.size() && events.get(i).revision() == revision) {
					group.add(events.get(i++));
				}
				if (revision > this.lastRevision && !this.closed) {
					this.lastRevision = revision;
					List<KeyValueEvent> changes = List.copyOf(group);
					KvWatches.this.client.notify(() -> this.listener.changed(changes));
				}
			}
		}

		@Override
		public synchronized long lastRevision() {
			return this.lastRevision;
		}

		@Override
		public void close() {
			long id;
			synchronized (this) {
				if (this.closed) {
					return;
				}
				this.closed = true;
				id = this.watchId;
			}
			stop(this, id);
		}

	}

}
