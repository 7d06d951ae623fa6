package io.coordination.sidecar.kv;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.coordination.kv.CompactedRevisionException;
import io.coordination.kv.KeyValueEvent;
import io.coordination.kv.KeyValueListener;
import io.coordination.kv.KeyValueStore;
import io.coordination.kv.KeyValueWatch;

/**
 * Blocking queries of the key-value store: the changes of a key or prefix after a revision, waiting for the first
 * one with a short-lived watch.
 */
public final class KvWaits {

	/** Time given to changes already in the history to arrive, however short the wait asked for. */
	private static final Duration SETTLE = Duration.ofMillis(100);

	private KvWaits() {
	}

	/**
	 * The changes after a revision: those known when the first arrives, waiting up to {@code wait} for one.
	 * @param store the store
	 * @param key the key or prefix
	 * @param prefix whether it is a prefix
	 * @param index the revision the client has seen
	 * @param wait longest wait
	 * @return the changes, in revision order (empty if none came)
	 * @throws CompactedRevisionException if the changes after {@code index} are no longer kept
	 */
	static List<KeyValueEvent> after(KeyValueStore store, String key, boolean prefix, long index, Duration wait) {
		Collector collector = new Collector();
		try (KeyValueWatch watch = store.watch(key, prefix, index + 1, collector)) {
			return collector.await((wait.compareTo(SETTLE) > 0) ? wait : SETTLE);
		}
	}

	/**
	 * Waits for a change of a key or prefix after a revision; returns early if the history is gone.
	 * @param store the store
	 * @param key the key or prefix
	 * @param prefix whether it is a prefix
	 * @param index the revision the client has seen
	 * @param wait longest wait
	 */
	static void awaitChange(KeyValueStore store, String key, boolean prefix, long index, Duration wait) {
		try {
			after(store, key, prefix, index, wait);
		}
		catch (CompactedRevisionException ex) {
			// changed for sure: answer now
		}
	}

	/**
	 * A blocking query of a prefix: waits up to {@code wait} for a change after revision {@code index} (not at all
	 * without an index), then tells the revision the answer reflects, for the client's next {@code index}.
	 * @param store the store
	 * @param prefix the prefix whose keys the answer is made of
	 * @param index the revision the client has seen, or {@code null}
	 * @param wait longest wait
	 * @return the current revision
	 */
	public static long blockingQuery(KeyValueStore store, String prefix, Long index, Duration wait) {
		if (index != null && index > 0) {
			awaitChange(store, prefix, true, index, wait);
		}
		return store.revision();
	}

	private static final class Collector implements KeyValueListener {

		private final List<KeyValueEvent> events = new ArrayList<>();

		private boolean failed;

		@Override
		public synchronized void changed(List<KeyValueEvent> changes) {
			this.events.addAll(changes);
			notifyAll();
		}

		@Override
		public synchronized void failed(CompactedRevisionException exception) {
			this.failed = true;
			notifyAll();
		}

		synchronized List<KeyValueEvent> await(Duration wait) {
			long deadline = System.nanoTime() + wait.toNanos();
			while (this.events.isEmpty() && !this.failed) {
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
			return List.copyOf(this.events);
		}

	}

}
