package io.coordination.autoconfigure.election;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

import io.coordination.Coordination;
import io.coordination.election.Candidacy;
import io.coordination.election.Leadership;
import io.coordination.election.LeadershipListener;

/**
 * This application's candidacies: joins its groups at start-up (those of {@code @LeaderOnly} methods and
 * {@code coordination.leader.groups}), publishes {@link LeadershipGrantedEvent} and {@link LeadershipRevokedEvent},
 * answers whether it leads now, and leaves its groups on shutdown.
 */
public class LeadershipCoordinator implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(LeadershipCoordinator.class);

	/** Started early (after the node) and stopped late, around the beans that depend on leadership. */
	public static final int PHASE = Integer.MIN_VALUE + 1000;

	private final ObjectProvider<Coordination> coordination;

	private final ApplicationEventPublisher events;

	private final String defaultGroup;

	private final String candidateId;

	private final Set<String> groups = ConcurrentHashMap.newKeySet();

	private final Map<String, Candidacy> candidacies = new ConcurrentHashMap<>();

	private volatile boolean running;

	/**
	 * Creates the coordinator.
	 * @param coordination the entry point
	 * @param events publishes leadership events
	 * @param defaultGroup group of {@code @LeaderOnly} methods that name none
	 * @param candidateId this instance's candidate id, or {@code null} for the member id
	 */
	public LeadershipCoordinator(ObjectProvider<Coordination> coordination, ApplicationEventPublisher events,
			String defaultGroup, String candidateId) {
		this.coordination = coordination;
		this.events = events;
		this.defaultGroup = defaultGroup;
		this.candidateId = candidateId;
	}

	/**
	 * The group used when none is named.
	 * @return the default group
	 */
	public String defaultGroup() {
		return this.defaultGroup;
	}

	/**
	 * The groups this instance takes part in.
	 * @return the groups
	 */
	public Set<String> groups() {
		return Set.copyOf(this.groups);
	}

	/**
	 * Registers a group to join; joined at once if the coordinator runs.
	 * @param group the group
	 */
	public void register(String group) {
		if (this.groups.add(group) && this.running) {
			join(group);
		}
	}

	/**
	 * This instance's leadership of a group, checked now: the latest leadership names it and its session is known
	 * alive. Joins the group first if needed.
	 * @param group the group
	 * @return the leadership, or empty if it does not lead
	 */
	public Optional<Leadership> currentLeadership(String group) {
		Candidacy candidacy = this.candidacies.get(group);
		if (candidacy == null) {
			register(group);
			candidacy = this.candidacies.get(group);
		}
		if (candidacy == null || !candidacy.isLeader()) {
			return Optional.empty();
		}
		return candidacy.leadership();
	}

	/**
	 * Whether this instance leads a group now.
	 * @param group the group
	 * @return whether it leads
	 */
	public boolean isLeader(String group) {
		return currentLeadership(group).isPresent();
	}

	private synchronized void join(String group) {
		if (this.candidacies.containsKey(group)) {
			return;
		}
		Coordination client = this.coordination.getObject();
		String id = (this.candidateId != null) ? this.candidateId : client.session().memberId();
		Candidacy candidacy = client.election(group).join(id, Map.of());
		candidacy.addListener(new LeadershipListener() {

			@Override
			public void granted(Leadership leadership) {
				logger.info("Leading election group '" + group + "' in term " + leadership.term());
				LeadershipCoordinator.this.events.publishEvent(new LeadershipGrantedEvent(LeadershipCoordinator.this,
						leadership));
			}

			@Override
			public void revoked(Leadership leadership) {
				logger.info("No longer leading election group '" + group + "' (term " + leadership.term() + ")");
				LeadershipCoordinator.this.events.publishEvent(new LeadershipRevokedEvent(LeadershipCoordinator.this,
						leadership));
			}

		});
		this.candidacies.put(group, candidacy);
	}

	@Override
	public void start() {
		this.running = true;
		this.groups.forEach(this::join);
	}

	@Override
	public void stop() {
		this.running = false;
		for (Candidacy candidacy : this.candidacies.values()) {
			try {
				candidacy.close();
			}
			catch (RuntimeException ex) {
				logger.debug("Leaving election group '" + candidacy.group() + "': " + ex);
			}
		}
		this.candidacies.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
