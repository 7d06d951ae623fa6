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

	private final Map<Key, List<DefaultLease>> leases = new ConcurrentHashMap<>();

	void add(DefaultLease lease) {
		this.leases.computeIfAbsent(key(lease), (k) -> new CopyOnWriteArrayList<>()).add(lease);
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
		List<DefaultLease> lost = this.leases
			.get(new Key(sessionId, event.type(), event.name(), event.owner(), event.mode(), event.token()));
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
