package io.coordination.autoconfigure.election;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.Lifecycle;
import org.springframework.context.SmartLifecycle;

/**
 * Starts a bean while this instance leads a group and stops it when leadership ends, for work only one instance may
 * do at a time (a consumer, a poller). The target is named, not injected: Spring would otherwise start it as a
 * dependency of this lifecycle, leader or not.
 *
 * <pre>{@code
 * @Bean
 * LeaderLifecycle importerLeadership() {
 *     return new LeaderLifecycle("importer", "importer");   // group, name of a Lifecycle bean
 * }
 * }</pre>
 */
public class LeaderLifecycle implements SmartLifecycle, ApplicationListener<LeadershipEvent>, BeanFactoryAware {

	private final String group;

	private final String targetBeanName;

	private BeanFactory beans;

	private volatile boolean running;

	/**
	 * Binds a bean to leadership of a group.
	 * @param group the group
	 * @param targetBeanName name of the {@link Lifecycle} bean to start and stop
	 */
	public LeaderLifecycle(String group, String targetBeanName) {
		this.group = group;
		this.targetBeanName = targetBeanName;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beans = beanFactory;
	}

	private Lifecycle target() {
		return this.beans.getBean(this.targetBeanName, Lifecycle.class);
	}

	private LeadershipCoordinator leadership() {
		return this.beans.getBean(LeadershipCoordinator.class);
	}

	@Override
	public synchronized void start() {
		this.running = true;
		this.leadership().register(this.group);
		if (this.leadership().isLeader(this.group) && !target().isRunning()) {
			target().start();
		}
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		Lifecycle target = target();
		if (target.isRunning()) {
			target.stop();
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
		Lifecycle target = target();
		if (event instanceof LeadershipGrantedEvent && !target.isRunning()) {
			target.start();
		}
		else if (event instanceof LeadershipRevokedEvent && target.isRunning()) {
			target.stop();
		}
	}

}
