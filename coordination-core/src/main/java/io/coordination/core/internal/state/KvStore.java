package io.coordination.core.internal.state;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

import io.coordination.core.internal.protocol.Event;
import io.coordination.kv.KeyValue;
import io.coordination.kv.KeyValueEvent;
import io.coordination.kv.KeyValueStore;

/**
 * The key-value store: entries with revisions, TTL and session-bound keys, sequence counters, the change history
 * kept for watches, and the watches themselves. Writes happen through a {@link Write}: everything it changes gets one
 * new revision when it commits; watches and observers then hear about it.
 */
final class KvStore {

	private final StateContext ctx;

	private final TreeMap<String, Entry> entries = new TreeMap<>();

	private final TreeMap<String, Long> sequences = new TreeMap<>();

	private final ArrayDeque<KeyValueEvent> history = new ArrayDeque<>();

	private final TreeMap<WatchKey, Watch> watches = new TreeMap<>();

	private final List<Consumer<List<KeyValueEvent>>> observers = new ArrayList<>();

	private final int historyLimit;

	private long revision;

	private long compacted;

	/** Bytes of keys and values of the live entries. */
	private long storedBytes;

	/** Bytes of keys and values the history holds. */
	private long historyBytes;

	KvStore(StateContext ctx, int historyLimit) {
		this.ctx = ctx;
		this.historyLimit = historyLimit;
	}

	/**
	 * Registers a table that derives state from some keys (timers of service checks).
	 * @param observer called with the events of every committed revision
	 */
	void observe(Consumer<List<KeyValueEvent>> observer) {
		this.observers.add(observer);
	}

	long revision() {
		return this.revision;
	}

	long compacted() {
		return this.compacted;
	}

	// ---- reads

	KeyValue get(String key) {
		Entry entry = this.entries.get(key);
		return (entry != null) ? entry.toKeyValue(key) : null;
	}

	List<KeyValue> list(String prefix) {
		List<KeyValue> result = new ArrayList<>();
		for (Map.Entry<String, Entry> e : prefixMap(prefix).entrySet()) {
			result.add(e.getValue().toKeyValue(e.getKey()));
		}
		return result;
	}

	List<KeyValue> range(String from, String to, int limit) {
		List<KeyValue> result = new ArrayList<>();
		SortedMap<String, Entry> range = (to != null) ? this.entries.subMap(from, to) : this.entries.tailMap(from);
		for (Map.Entry<String, Entry> e : range.entrySet()) {
			if (result.size() >= limit) {
				break;
			}
			result.add(e.getValue().toKeyValue(e.getKey()));
		}
		return result;
	}

	private SortedMap<String, Entry> prefixMap(String prefix) {
		return this.entries.subMap(prefix, prefix + Character.MAX_VALUE);
	}

	// ---- writes

	/**
	 * Starts the writes of a command: if they would grow the stored data past its budget, {@link Write#commit()}
	 * undoes them and refuses.
	 * @return the write
	 */
	Write begin() {
		return new Write(true);
	}

	/**
	 * Starts writes the cluster makes on its own (expiry, health timers): they are never refused.
	 * @return the write
	 */
	Write beginSystem() {
		return new Write(false);
	}

	/**
	 * Bytes of keys and values the store holds.
	 * @return the size
	 */
	long storedBytes() {
		return this.storedBytes;
	}

	/**
	 * Bytes of keys and values the history holds.
	 * @return the size
	 */
	long historyBytes() {
		return this.historyBytes;
	}

	private static long size(String key, byte[] value) {
		return key.length() * 2L + value.length;
	}

	/**
	 * A set of changes that commit at one revision.
	 */
	final class Write {

		private final List<KeyValueEvent> events = new ArrayList<>();

		private final boolean enforced;

		/** The entries as they were before this write touched them (a copy, or null if absent), in touch order. */
		private final Map<String, Entry> before = new java.util.LinkedHashMap<>();

		private final Map<String, Long> sequencesBefore = new java.util.LinkedHashMap<>();

		private final long storedBefore = KvStore.this.storedBytes;

		private Write(boolean enforced) {
			this.enforced = enforced;
		}

		private void remember(String key) {
			if (!this.before.containsKey(key)) {
				Entry entry = KvStore.this.entries.get(key);
				this.before.put(key, (entry != null) ? entry.copy() : null);
			}
		}

		private long pendingRevision() {
			return KvStore.this.revision + 1;
		}

		/**
		 * Writes a key.
		 * @param key the key
		 * @param value the value
		 * @param ttlMillis time to live, 0 for none
		 * @param session owning session, 0 for none
		 * @return the entry as written
		 */
		KeyValue put(String key, byte[] value, long ttlMillis, long session) {
			remember(key);
			Entry entry = KvStore.this.entries.get(key);
			long now = KvStore.this.ctx.now;
			if (entry == null) {
				entry = new Entry(value, pendingRevision(), pendingRevision(), 1);
				KvStore.this.entries.put(key, entry);
				KvStore.this.storedBytes += size(key, value);
			}
			else {
				unbind(key, entry);
				KvStore.this.storedBytes += size(key, value) - size(key, entry.value);
				entry.value = value;
				entry.modRevision = pendingRevision();
				entry.version++;
			}
			entry.ttlMillis = ttlMillis;
			entry.expiry = (ttlMillis > 0) ? now + ttlMillis : 0;
			entry.session = session;
			bind(key, entry);
			KeyValue written = entry.toKeyValue(key);
			this.events.add(new KeyValueEvent(KeyValueEvent.Type.PUT, key, written, pendingRevision()));
			return written;
		}

		/**
		 * Deletes a key.
		 * @param key the key
		 * @return the entry as it was, or {@code null} if absent
		 */
		KeyValue delete(String key) {
			remember(key);
			Entry entry = KvStore.this.entries.remove(key);
			if (entry == null) {
				return null;
			}
			KvStore.this.storedBytes -= size(key, entry.value);
			unbind(key, entry);
			KeyValue previous = entry.toKeyValue(key);
			this.events.add(new KeyValueEvent(KeyValueEvent.Type.DELETE, key, previous, pendingRevision()));
			return previous;
		}

		/**
		 * Deletes every key with a prefix.
		 * @param prefix the prefix
		 * @return the entries as they were
		 */
		List<KeyValue> deletePrefix(String prefix) {
			List<KeyValue> deleted = new ArrayList<>();
			for (String key : new ArrayList<>(prefixMap(prefix).keySet())) {
				deleted.add(delete(key));
			}
			return deleted;
		}

		/**
		 * The next number of a sequence.
		 * @param prefix the sequence
		 * @return the number, from 1
		 */
		long nextSequence(String prefix) {
			this.sequencesBefore.putIfAbsent(prefix, KvStore.this.sequences.get(prefix));
			long next = KvStore.this.sequences.getOrDefault(prefix, 0L) + 1;
			KvStore.this.sequences.put(prefix, next);
			return next;
		}

		boolean changed() {
			return !this.events.isEmpty();
		}

		/**
		 * Commits the changes at the next revision and tells watches and observers.
		 * @return the revision of the changes, or the current revision if nothing changed
		 */
		long commit() {
			long budget = KvStore.this.ctx.limits.maxBytes();
			if (this.enforced && KvStore.this.storedBytes > this.storedBefore && KvStore.this.storedBytes > budget) {
				long needed = KvStore.this.storedBytes - this.storedBefore;
				undo();
				throw new QuotaExceeded("The key-value store is full: it holds " + KvStore.this.storedBytes
						+ " bytes of keys and values, this write needs " + needed + " more, and the budget is " + budget
						+ " bytes (coordination.kv.max-bytes); delete keys or raise the budget");
			}
			if (this.events.isEmpty()) {
				return KvStore.this.revision;
			}
			KvStore.this.revision++;
			for (KeyValueEvent event : this.events) {
				KvStore.this.history.addLast(event);
				KvStore.this.historyBytes += size(event);
			}
			long historyBudget = KvStore.this.ctx.limits.historyMaxBytes();
			while (KvStore.this.history.size() > KvStore.this.historyLimit
					|| (KvStore.this.historyBytes > historyBudget && KvStore.this.history.size() > 1)) {
				KeyValueEvent dropped = KvStore.this.history.removeFirst();
				KvStore.this.historyBytes -= size(dropped);
				KvStore.this.compacted = dropped.revision();
			}
			notifyWatches(this.events);
			for (Consumer<List<KeyValueEvent>> observer : KvStore.this.observers) {
				observer.accept(this.events);
			}
			return KvStore.this.revision;
		}

		/**
		 * Puts every entry and sequence this write touched back as it was.
		 */
		private void undo() {
			List<String> keys = new ArrayList<>(this.before.keySet());
			for (int i = keys.size() - 1; i >= 0; i--) {
				String key = keys.get(i);
				Entry current = KvStore.this.entries.remove(key);
				if (current != null) {
					unbind(key, current);
				}
				Entry previous = this.before.get(key);
				if (previous != null) {
					KvStore.this.entries.put(key, previous);
					bind(key, previous);
				}
			}
			this.sequencesBefore.forEach((prefix, value) -> {
				if (value != null) {
					KvStore.this.sequences.put(prefix, value);
				}
				else {
					KvStore.this.sequences.remove(prefix);
				}
			});
			KvStore.this.storedBytes = this.storedBefore;
			this.events.clear();
		}

	}

	private static long size(KeyValueEvent event) {
		return size(event.key(), event.entry().value());
	}

	/**
	 * A write would take the stored data past its budget; nothing was changed.
	 */
	static final class QuotaExceeded extends RuntimeException {

		private static final long serialVersionUID = 1L;

		QuotaExceeded(String message) {
			super(message);
		}

	}

	private void bind(String key, Entry entry) {
		if (entry.session != 0) {
			this.ctx.involve(entry.session, new Ref(Ref.Kind.KEY, key));
		}
		if (entry.expiry > 0) {
			entry.deadline = this.ctx.timers.schedule(entry.expiry, new Ref(Ref.Kind.KEY, key), Timers.Deadline.LEASE, 0,
					"", () -> expire(key, entry));
		}
	}

	private void unbind(String key, Entry entry) {
		if (entry.session != 0) {
			this.ctx.uninvolve(entry.session, new Ref(Ref.Kind.KEY, key));
		}
		this.ctx.timers.cancel(entry.deadline);
		entry.deadline = null;
	}

	private void expire(String key, Entry entry) {
		if (this.entries.get(key) == entry) {
			entry.deadline = null;
			Write write = beginSystem();
			write.delete(key);
			write.commit();
		}
	}

	/**
	 * Extends a TTL key by its TTL, without a revision.
	 * @param key the key
	 * @return whether it exists and has a TTL
	 */
	boolean refresh(String key) {
		Entry entry = this.entries.get(key);
		if (entry == null || entry.ttlMillis == 0) {
			return false;
		}
		this.ctx.timers.cancel(entry.deadline);
		entry.expiry = this.ctx.now + entry.ttlMillis;
		entry.deadline = this.ctx.timers.schedule(entry.expiry, new Ref(Ref.Kind.KEY, key), Timers.Deadline.LEASE, 0, "",
				() -> expire(key, entry));
		return true;
	}

	/**
	 * A session ended: its keys are deleted at one revision and its watches dropped.
	 * @param session the session
	 * @param keys its keys
	 */
	void sessionEnded(long session, Collection<String> keys) {
		Write write = beginSystem();
		for (String key : keys) {
			Entry entry = this.entries.get(key);
			if (entry != null && entry.session == session) {
				write.delete(key);
			}
		}
		write.commit();
		this.watches.keySet().removeIf((watch) -> watch.session() == session);
	}

	// ---- watches

	/**
	 * Starts a watch.
	 * @param session the watching session
	 * @param watchId its id within the session
	 * @param key key or prefix
	 * @param prefix whether it is a prefix
	 * @param fromRevision first revision to deliver, 0 for what comes next
	 * @return the past events it matches from {@code fromRevision}, or {@code null} if they are compacted
	 */
	List<KeyValueEvent> watch(long session, long watchId, String key, boolean prefix, long fromRevision) {
		if (fromRevision > 0 && fromRevision <= this.compacted) {
			return null;
		}
		Watch watch = new Watch(key, prefix);
		this.watches.put(new WatchKey(session, watchId), watch);
		List<KeyValueEvent> past = new ArrayList<>();
		if (fromRevision > 0) {
			for (KeyValueEvent event : this.history) {
				if (event.revision() >= fromRevision && watch.matches(event.key())) {
					past.add(event);
				}
			}
		}
		return past;
	}

	boolean unwatch(long session, long watchId) {
		return this.watches.remove(new WatchKey(session, watchId)) != null;
	}

	private void notifyWatches(List<KeyValueEvent> events) {
		for (Map.Entry<WatchKey, Watch> e : this.watches.entrySet()) {
			List<KeyValueEvent> matching = null;
			for (KeyValueEvent event : events) {
				if (e.getValue().matches(event.key())) {
					if (matching == null) {
						matching = new ArrayList<>();
					}
					matching.add(event);
				}
			}
			if (matching != null) {
				this.ctx.send(e.getKey().session(), new Event.KvChanged(e.getKey().watchId(), matching));
			}
		}
	}

	// ---- snapshot

	Snapshot.KvData toData() {
		List<Snapshot.EntryRecord> records = new ArrayList<>();
		this.entries.forEach((key, entry) -> records.add(new Snapshot.EntryRecord(key, entry.value,
				entry.createRevision, entry.modRevision, entry.version, entry.ttlMillis, entry.expiry, entry.session)));
		List<Snapshot.WatchRecord> watchRecords = new ArrayList<>();
		this.watches.forEach((key, watch) -> watchRecords
			.add(new Snapshot.WatchRecord(key.session(), key.watchId(), watch.key, watch.prefix)));
		return new Snapshot.KvData(this.revision, this.compacted, records, new ArrayList<>(this.history),
				new TreeMap<>(this.sequences), watchRecords);
	}

	void restore(Snapshot.KvData data) {
		this.entries.clear();
		this.sequences.clear();
		this.history.clear();
		this.watches.clear();
		this.storedBytes = 0;
		this.historyBytes = 0;
		if (data == null) {
			this.revision = 0;
			this.compacted = 0;
			return;
		}
		this.revision = data.revision();
		this.compacted = data.compacted();
		for (Snapshot.EntryRecord r : data.entries()) {
			Entry entry = new Entry(r.value(), r.createRevision(), r.modRevision(), r.version());
			entry.ttlMillis = r.ttlMillis();
			entry.expiry = r.expiry();
			entry.session = r.session();
			this.entries.put(r.key(), entry);
			this.storedBytes += size(r.key(), r.value());
			bind(r.key(), entry);
		}
		this.history.addAll(data.history());
		for (KeyValueEvent event : this.history) {
			this.historyBytes += size(event);
		}
		this.sequences.putAll(data.sequences());
		for (Snapshot.WatchRecord w : data.watches()) {
			this.watches.put(new WatchKey(w.session(), w.watchId()), new Watch(w.key(), w.prefix()));
		}
	}

	// ---- types

	private static final class Entry {

		byte[] value;

		final long createRevision;

		long modRevision;

		long version;

		long ttlMillis;

		long expiry;

		long session;

		Timers.Deadline deadline;

		Entry(byte[] value, long createRevision, long modRevision, long version) {
			this.value = value;
			this.createRevision = createRevision;
			this.modRevision = modRevision;
			this.version = version;
		}

		/** A copy without its timer (which {@code bind} schedules again). */
		Entry copy() {
			Entry copy = new Entry(this.value, this.createRevision, this.modRevision, this.version);
			copy.ttlMillis = this.ttlMillis;
			copy.expiry = this.expiry;
			copy.session = this.session;
			return copy;
		}

		KeyValue toKeyValue(String key) {
			return new KeyValue(key, Arrays.copyOf(this.value, this.value.length), this.createRevision,
					this.modRevision, this.version, (this.expiry > 0) ? Instant.ofEpochMilli(this.expiry) : null,
					this.session);
		}

	}

	private record WatchKey(long session, long watchId) implements Comparable<WatchKey> {

		@Override
		public int compareTo(WatchKey other) {
			int c = Long.compare(this.session, other.session);
			return (c != 0) ? c : Long.compare(this.watchId, other.watchId);
		}

	}

	private record Watch(String key, boolean prefix) {

		boolean matches(String candidate) {
			return this.prefix ? candidate.startsWith(this.key) : candidate.equals(this.key);
		}

	}

	/**
	 * Largest number of changes the history keeps.
	 * @return the limit
	 */
	static int defaultHistoryLimit() {
		return KeyValueStore.HISTORY_EVENTS;
	}

}
