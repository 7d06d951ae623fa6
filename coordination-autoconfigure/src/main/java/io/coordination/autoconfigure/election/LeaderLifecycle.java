package io.coordination.autoconfigure.election;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
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

	private static final Log logger = LogFactory.getLog(LeaderLifecycle.class);

	private final String group;

	private final String targetBeanName;

	private BeanFactory beans;

	/** Held while the target starts or stops: never by the thread that delivers leadership events. */
	private final Object transitions = new Object();

	private volatile boolean running;

	private ExecutorService worker;

	/**
	 * Binds a bean to leadership of a group.
	 * @param group the group
	 * @param targetBeanName name of the {@link Lifecycle} bean to start and stop; a {@link SmartLifecycle} must not
	 * start on its own ({@code isAutoStartup()} false)
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
		if (target() instanceof SmartLifecycle smart && smart.isAutoStartup()) {
			throw new IllegalStateException("Bean '" + this.targetBeanName + "' is bound to leadership of '"
					+ this.group + "' but starts on its own (SmartLifecycle.isAutoStartup() is true): "
					+ "turn its auto-startup off so that only leadership starts it");
		}
		this.worker = Executors.newSingleThreadExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "coordination-leader-lifecycle-" + this.targetBeanName);
			thread.setDaemon(true);
			return thread;
		});
		this.running = true;
		leadership().register(this.group);
		reconcile();
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		if (this.worker != null) {
			this.worker.shutdownNow();
			this.worker = null;
		}
		synchronized (this.transitions) {
			Lifecycle target = target();
			if (target.isRunning()) {
				target.stop();
			}
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

	/**
	 * Leadership changed: the target is started or stopped on this lifecycle's own thread, so that a slow start or
	 * stop never holds up the notifications other holders wait for.
	 * @param event the event
	 */
	@Override
	public synchronized void onApplicationEvent(LeadershipEvent event) {
		if (this.running && event.getGroup().equals(this.group) && this.worker != null) {
			this.worker.execute(this::reconcile);
		}
	}

	/**
	 * Brings the target in line with leadership as it is now (not as an event said it was).
	 */
	private void reconcile() {
		synchronized (this.transitions) {
			if (!this.running) {
				return;
			}
			try {
				Lifecycle target = target();
				boolean leading = leadership().isLeader(this.group);
				if (leading && !target.isRunning()) {
					target.start();
				}
				else if (!leading && target.isRunning()) {
					target.stop();
				}
			}
			catch (RuntimeException ex) {
				logger.error("Could not start or stop '" + this.targetBeanName + "' with leadership of '" + this.group
						+ "'", ex);
			}
		}
	}

}
