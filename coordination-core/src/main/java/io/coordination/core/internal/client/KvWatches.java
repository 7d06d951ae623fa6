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
		this.byId.put(id, watch);
		watch.watchId = id;
		SessionChannel.Executed executed;
		try {
			executed = this.client.executeWithSession(new Command.KvWatch(id, key, prefix, fromRevision),
					"watch '" + key + "'");
		}
		catch (RuntimeException ex) {
			this.byId.remove(id);
			throw ex;
		}
		if (executed.result() instanceof Result.Compacted compacted) {
			this.byId.remove(id);
			throw new CompactedRevisionException(compacted.requested(), compacted.compacted(), compacted.current());
		}
		if (executed.result() instanceof Result.Failed failed) {
			this.byId.remove(id);
			throw EmbeddedCoordination.failure(key, failed);
		}
		watch.sessionId = executed.sessionId();
		watch.started((Result.Watching) executed.result());
		this.all.add(watch);
		return watch;
	}

	void changed(long watchId, List<KeyValueEvent> events) {
		ClientWatch watch = this.byId.get(watchId);
		if (watch != null) {
			watch.live(events);
		}
	}

	void sessionEnded(long sessionId) {
		for (ClientWatch watch : this.all) {
			if (watch.sessionId == sessionId) {
				this.byId.remove(watch.watchId);
			}
		}
	}

	void sessionOpened(long sessionId) {
		for (ClientWatch watch : this.all) {
			if (watch.sessionId != sessionId && !watch.closed) {
				resume(watch);
			}
		}
	}

	private void resume(ClientWatch watch) {
		long id = this.ids.incrementAndGet();
		long from = watch.lastRevision() + 1;
		watch.restarting(id);
		this.byId.put(id, watch);
		this.client.executeAsync(new Command.KvWatch(id, watch.key, watch.prefix, from))
			.whenComplete((executed, error) -> {
				if (error != null) {
					logger.warn("Could not resume the watch of '{}' from revision {}: {}", watch.key, from, error.toString());
					return;
				}
				if (executed.result() instanceof Result.Watching watching) {
					watch.sessionId = executed.sessionId();
					watch.started(watching);
				}
				else if (executed.result() instanceof Result.Compacted compacted) {
					this.byId.remove(id);
					this.all.remove(watch);
					watch.closed = true;
					CompactedRevisionException failure = new CompactedRevisionException(compacted.requested(),
							compacted.compacted(), compacted.current());
					this.client.notify(() -> watch.listener.failed(failure));
				}
			});
	}

	private void stop(ClientWatch watch) {
		this.all.remove(watch);
		this.byId.remove(watch.watchId);
		this.client.executeAsync(new Command.KvUnwatch(watch.watchId));
	}

	/**
	 * One watch.
	 */
	private final class ClientWatch implements KeyValueWatch {

		final String key;

		final boolean prefix;

		final KeyValueListener listener;

		volatile long watchId;

		volatile long sessionId;

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

		synchronized void restarting(long id) {
			this.watchId = id;
			this.ready = false;
			this.buffered.clear();
		}

		synchronized void started(Result.Watching watching) {
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
			if (!this.closed) {
				this.closed = true;
				stop(this);
			}
		}

	}

}
