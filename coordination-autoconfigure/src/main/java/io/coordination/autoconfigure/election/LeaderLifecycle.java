package io.coordination.autoconfigure.election;

import org.springframework.context.ApplicationListener;
import org.springframework.context.Lifecycle;
import org.springframework.context.SmartLifecycle;

/**
 * Starts a bean while this instance leads a group and stops it when leadership ends, for work only one instance may
 * do (a consumer, a poller). Declare one per bean:
 *
 * <pre>{@code
 * @Bean
 * LeaderLifecycle importerLeadership(LeadershipCoordinator leadership, Importer importer) {
 *     return new LeaderLifecycle(leadership, "importer", importer);
 * }
 * }</pre>
 */
public class LeaderLifecycle implements SmartLifecycle, ApplicationListener<LeadershipEvent> {

	private final LeadershipCoordinator leadership;

	private final String group;

	private final Lifecycle target;

	private volatile boolean running;

	/**
	 * Binds a bean to leadership of a group.
	 * @param leadership the coordinator
	 * @param group the group
	 * @param target the bean to start and stop
	 */
	public LeaderLifecycle(LeadershipCoordinator leadership, String group, Lifecycle target) {
		this.leadership = leadership;
		this.group = group;
		this.target = target;
	}

	@Override
	public synchronized void start() {
		this.running = true;
		this.leadership.register(this.group);
		if (this.leadership.isLeader(this.group) && !this.target.isRunning()) {
			this.target.start();
		}
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		if (this.target.isRunning()) {
			this.target.stop();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return LeadershipCoordinator.PHASE + 1;
	}

	@Override
	public synchronized void onApplicationEvent(LeadershipEvent event) {
		if (!this.running || !event.getGroup().equals(this.group)) {
			return;
		}
		if (event instanceof LeadershipGrantedEvent && !this.target.isRunning()) {
			this.target.start();
		}
		else if (event instanceof LeadershipRevokedEvent && this.target.isRunning()) {
			this.target.stop();
		}
	}

}
