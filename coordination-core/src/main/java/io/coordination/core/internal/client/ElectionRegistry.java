package io.coordination.core.internal.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.coordination.CoordinationException;
import io.coordination.core.internal.protocol.Command;
import io.coordination.core.internal.protocol.Result;
import io.coordination.election.Leadership;
import io.coordination.election.LeadershipListener;

/**
 * This client's candidacies and leadership listeners, by group. Candidacies outlive sessions: when a session expires
 * they are revoked and re-joined in the next session.
 */
final class ElectionRegistry {

	private static final Logger logger = LoggerFactory.getLogger(ElectionRegistry.class);

	private final EmbeddedCoordination client;

	private final Map<String, List<DefaultCandidacy>> candidacies = new ConcurrentHashMap<>();

	private final Map<String, Watchers> watchers = new ConcurrentHashMap<>();

	/** The newest leadership heard of per session and group, for candidacies bound after the event arrived. */
	private final Map<SessionGroup, Leadership> lastSeen = new ConcurrentHashMap<>();

	ElectionRegistry(EmbeddedCoordination client) {
		this.client = client;
	}

	DefaultCandidacy join(String group, String candidateId, Map<String, String> metadata) {
		DefaultCandidacy candidacy = new DefaultCandidacy(this.client, this, group, candidateId, metadata);
		List<DefaultCandidacy> ofGroup = this.candidacies.computeIfAbsent(group, (g) -> new CopyOnWriteArrayList<>());
		synchronized (ofGroup) {
			if (ofGroup.stream().anyMatch((c) -> c.candidateId().equals(candidateId))) {
				throw new IllegalStateException(
						"Candidate '" + candidateId + "' already joined election group '" + group + "' from this client");
			}
			ofGroup.add(candidacy);
		}
		CompletableFuture<SessionChannel.Executed> call = this.client.executeAsync(joinCommand(candidacy));
		try {
			bind(candidacy, Calls.await(call, this.client.settings().operationTimeout(),
					"join election group '" + group + "'"));
		}
		catch (RuntimeException ex) {
			ofGroup.remove(candidacy);
			// should the join still be applied, leave at once: nobody acts on this candidacy
			call.whenComplete((executed, error) -> {
				if (error == null && executed.result() instanceof Result.Joined) {
					this.client.executeAsync(new Command.Leave(group, candidateId));
				}
			});
			throw ex;
		}
		return candidacy;
	}

	private void bind(DefaultCandidacy candidacy, SessionChannel.Executed executed) {
		if (executed.result() instanceof Result.Joined joined) {
			Leadership seen = this.lastSeen.get(new SessionGroup(executed.sessionId(), candidacy.group()));
			candidacy.joined(executed.sessionId(), newer(joined.leader(), seen));
		}
		else if (executed.result() instanceof Result.Failed failed) {
			throw EmbeddedCoordination.failure(candidacy.group(), failed);
		}
	}

	private static Command.Join joinCommand(DefaultCandidacy candidacy) {
		return new Command.Join(candidacy.group(), candidacy.candidateId(), candidacy.candidateId(),
				candidacy.metadata());
	}

	void leave(DefaultCandidacy candidacy) {
		List<DefaultCandidacy> ofGroup = this.candidacies.get(candidacy.group());
		if (ofGroup != null) {
			ofGroup.remove(candidacy);
		}
		this.client.execute(new Command.Leave(candidacy.group(), candidacy.candidateId()),
				"leave election group '" + candidacy.group() + "'");
	}

	AutoCloseable watch(String group, LeadershipListener listener) {
		Watchers groupWatchers = this.watchers.computeIfAbsent(group, (g) -> new Watchers());
		CompletableFuture<SessionChannel.Executed> start = null;
		synchronized (groupWatchers) {
			// queued under the lock, so that on/off commands reach the cluster in the order of the decisions
			if (groupWatchers.listeners.isEmpty()) {
				start = this.client.executeAsync(new Command.Watch(group, true));
			}
			groupWatchers.listeners.add(listener);
		}
		if (start != null) {
			try {
				Calls.await(start, this.client.settings().operationTimeout(), "watch election group '" + group + "'");
			}
			catch (RuntimeException ex) {
				groupWatchers.listeners.remove(listener);
				throw ex;
			}
		}
		return () -> {
			CompletableFuture<SessionChannel.Executed> stop = null;
			synchronized (groupWatchers) {
				if (groupWatchers.listeners.remove(listener) && groupWatchers.listeners.isEmpty()) {
					stop = this.client.executeAsync(new Command.Watch(group, false));
				}
			}
			if (stop != null) {
				Calls.await(stop, this.client.settings().operationTimeout(),
						"stop watching election group '" + group + "'");
			}
		};
	}

	/**
	 * A group's leader changed.
	 */
	void leaderChanged(long sessionId, String group, Leadership leadership) {
		if (leadership != null) {
			this.lastSeen.merge(new SessionGroup(sessionId, group), leadership, ElectionRegistry::newer);
		}
		for (DefaultCandidacy candidacy : this.candidacies.getOrDefault(group, List.of())) {
			candidacy.leaderChanged(sessionId, leadership);
		}
		Watchers groupWatchers = this.watchers.get(group);
		if (groupWatchers != null) {
			groupWatchers.deliver(this.client, leadership);
		}
	}

	void sessionEnded(long sessionId) {
		this.lastSeen.keySet().removeIf((key) -> key.session() == sessionId);
		this.candidacies.values().forEach((list) -> list.forEach((c) -> c.sessionEnded(sessionId)));
	}

	/**
	 * A new session is open: candidacies and watches of the previous one are re-established.
	 */
	void sessionOpened(long sessionId) {
		for (List<DefaultCandidacy> list : this.candidacies.values()) {
			for (DefaultCandidacy candidacy : list) {
				if (candidacy.needsJoin(sessionId)) {
					this.client.executeAsync(joinCommand(candidacy)).whenComplete((executed, error) -> {
						if (error != null) {
							logger.warn("Could not re-join election group '{}' as '{}': {}", candidacy.group(),
									candidacy.candidateId(), error.toString());
							return;
						}
						try {
							bind(candidacy, executed);
						}
						catch (CoordinationException | IllegalStateException ex) {
							logger.warn("Could not re-join election group '{}': {}", candidacy.group(), ex.getMessage());
						}
					});
				}
			}
		}
		this.watchers.forEach((group, groupWatchers) -> {
			if (!groupWatchers.listeners.isEmpty()) {
				this.client.executeAsync(new Command.Watch(group, true));
			}
		});
	}

	void closeAll() {
		this.candidacies.values().forEach((list) -> list.forEach(DefaultCandidacy::closeLocally));
		this.candidacies.clear();
	}

	private static Leadership newer(Leadership a, Leadership b) {
		if (a == null) {
			return b;
		}
		return (b != null && b.term() > a.term()) ? b : a;
	}

	private record SessionGroup(long session, String group) {
	}

	/**
	 * Listeners of one group and the last leadership they heard of, so that each hears every change once, in term
	 * order.
	 */
	private static final class Watchers {

		final List<LeadershipListener> listeners = new CopyOnWriteArrayList<>();

		Leadership last;

		synchronized void deliver(EmbeddedCoordination client, Leadership leadership) {
			Leadership previous = this.last;
			if (leadership != null && previous != null && leadership.term() <= previous.term()) {
				return;
			}
			if (leadership == null && previous == null) {
				return;
			}
			this.last = leadership;
			for (LeadershipListener listener : this.listeners) {
				client.notify(() -> {
					if (previous != null) {
						listener.revoked(previous);
					}
					if (leadership != null) {
						listener.granted(leadership);
					}
				});
			}
		}

	}

}
