package io.coordination.core.internal.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.coordination.LostReason;
import io.coordination.core.internal.protocol.Event;
import io.coordination.core.internal.protocol.ResourceType;
import io.coordination.lock.LockMode;

/**
 * The leases this client holds, so that the holders can be told when the cluster takes them away.
 */
final class LeaseRegistry {

	private static final int REMEMBERED_LOSSES = 4096;

	private final Map<Key, List<DefaultLease>> leases = new ConcurrentHashMap<>();

	/**
	 * Losses heard of recently, and ended sessions: a loss can arrive (on an Atomix thread) before the grant's lease is
	 * added (on the caller's thread); the lease checks these after it is added.
	 */
	private final Map<Key, LostReason> recentlyLost = java.util.Collections
		.synchronizedMap(new java.util.LinkedHashMap<>(16, 0.75f, false) {

			private static final long serialVersionUID = 1L;

			@Override
			protected boolean removeEldestEntry(Map.Entry<Key, LostReason> eldest) {
				return size() > REMEMBERED_LOSSES;
			}

		});

	private final Map<Long, LostReason> endedSessions = new ConcurrentHashMap<>();

	void add(DefaultLease lease) {
		Key key = key(lease);
		this.leases.computeIfAbsent(key, (k) -> new CopyOnWriteArrayList<>()).add(lease);
		LostReason lost = this.recentlyLost.get(key);
		LostReason ended = this.endedSessions.get(lease.sessionId);
		if (lost != null) {
			lease.lost(lost);
		}
		else if (ended != null) {
			lease.lost(ended);
		}
	}

	void remove(DefaultLease lease) {
		this.leases.computeIfPresent(key(lease), (k, list) -> {
			list.remove(lease);
			return list.isEmpty() ? null : list;
		});
	}

	/**
	 * The cluster released a hold: every lease of it (all reentrant holds) is lost.
	 * @param sessionId the session the event came from
	 * @param event the event
	 */
	void lost(long sessionId, Event.LeaseLost event) {
		Key key = new Key(sessionId, event.type(), event.name(), event.owner(), event.mode(), event.token());
		this.recentlyLost.put(key, event.reason());
		List<DefaultLease> lost = this.leases.get(key);
		if (lost != null) {
			for (DefaultLease lease : lost) {
				lease.lost(event.reason());
			}
		}
	}

	/**
	 * A session ended: everything it held is lost.
	 * @param sessionId the session
	 * @param reason why
	 */
	void sessionEnded(long sessionId, LostReason reason) {
		this.endedSessions.put(sessionId, reason);
		for (Map.Entry<Key, List<DefaultLease>> entry : this.leases.entrySet()) {
			if (entry.getKey().sessionId == sessionId) {
				for (DefaultLease lease : entry.getValue()) {
					lease.lost(reason);
				}
			}
		}
	}

	private static Key key(DefaultLease lease) {
		return new Key(lease.sessionId, lease.type, lease.name, lease.owner, lease.mode, lease.token);
	}

	private record Key(long sessionId, ResourceType type, String name, String owner, LockMode mode, long token) {
	}

}
