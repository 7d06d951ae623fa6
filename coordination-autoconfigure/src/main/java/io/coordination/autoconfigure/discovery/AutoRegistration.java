package io.coordination.autoconfigure.discovery;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.ClassUtils;

import io.coordination.Coordination;
import io.coordination.discovery.HealthStatus;
import io.coordination.discovery.RegisteredInstance;
import io.coordination.discovery.ServiceRegistration;

/**
 * Registers this application when it starts (once its port is known), runs its health check, and deregisters it on
 * shutdown. A crash leaves no stale entry: the registration is bound to the application's session, and a TTL check
 * turns critical without heartbeats.
 */
public class AutoRegistration
		implements SmartLifecycle, ApplicationListener<ApplicationReadyEvent>, ApplicationEventPublisherAware {

	private static final boolean SPRING_CLOUD_EVENTS = ClassUtils.isPresent(
			"org.springframework.cloud.client.discovery.event.InstanceRegisteredEvent",
			AutoRegistration.class.getClassLoader());

	private static final Log logger = LogFactory.getLog(AutoRegistration.class);

	private final ObjectProvider<Coordination> coordination;

	private final DiscoveryProperties properties;

	private final String defaultServiceName;

	private final String defaultHealthPath;

	private final boolean separateManagementServer;

	private volatile Integer webPort;

	private volatile Integer managementPort;

	private RegisteredInstance registered;

	private ScheduledExecutorService checks;

	private HttpClient http;

	private ApplicationEventPublisher events;

	/**
	 * Creates the registration.
	 * @param coordination the entry point
	 * @param properties what to register
	 * @param defaultServiceName the application name
	 * @param defaultHealthPath the path of the actuator health endpoint, probed by an "http" check unless
	 * {@code coordination.discovery.check.path} names another
	 * @param separateManagementServer whether the actuator is served on its own port, which the "http" check then
	 * probes once it is known
	 */
	public AutoRegistration(ObjectProvider<Coordination> coordination, DiscoveryProperties properties,
			String defaultServiceName, String defaultHealthPath, boolean separateManagementServer) {
		this.coordination = coordination;
		this.properties = properties;
		this.defaultServiceName = defaultServiceName;
		this.defaultHealthPath = defaultHealthPath;
		this.separateManagementServer = separateManagementServer;
	}

	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher events) {
		this.events = events;
	}

	/**
	 * The management server started on its own port: an "http" check probes it there.
	 * @param port the port
	 */
	public void managementServerStarted(int port) {
		this.managementPort = port;
	}

	/**
	 * The web server started on a port: registration uses it.
	 * @param port the port
	 */
	public synchronized void webServerStarted(int port) {
		this.webPort = port;
		if (this.registered == null && this.checks != null) {
			register();
		}
	}

	@Override
	public synchronized void start() {
		this.checks = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "coordination-discovery-check");
			thread.setDaemon(true);
			return thread;
		});
		if (this.properties.getPort() != null || this.webPort != null) {
			register();
		}
	}

	/**
	 * The application is ready: an application without a web server (or with a configured port) registers now.
	 * @param event the event
	 */
	@Override
	public synchronized void onApplicationEvent(ApplicationReadyEvent event) {
		if (this.registered == null && this.checks != null) {
			register();
		}
	}

	private void register() {
		ServiceRegistration registration = registration();
		this.registered = this.coordination.getObject().discovery().register(registration);
		logger.info("Registered instance '" + registration.instanceId() + "' of service '" + registration.service()
				+ "' at " + registration.host() + ":" + registration.port());
		if (SPRING_CLOUD_EVENTS && this.events != null) {
			// Spring Cloud's discovery health indicator reports UNKNOWN ("Discovery Client not initialized") until
			// it hears this, as from its own registrations
			SpringCloudEvents.registered(this.events, this, registration);
		}
		DiscoveryProperties.Check check = this.properties.getCheck();
		switch (check.getType()) {
			case TTL -> {
				long period = Math.max(1, check.getTtl().toMillis() / 3);
				this.checks.scheduleWithFixedDelay(this::heartbeat, period, period, TimeUnit.MILLISECONDS);
			}
			case HTTP -> {
				this.http = HttpClient.newBuilder().connectTimeout(check.getTimeout()).build();
				long period = check.getInterval().toMillis();
				this.checks.scheduleWithFixedDelay(this::probe, 0, period, TimeUnit.MILLISECONDS);
			}
			case NONE -> {
			}
		}
	}

	ServiceRegistration registration() {
		String service = (this.properties.getServiceName() != null) ? this.properties.getServiceName()
				: this.defaultServiceName;
		String host = (this.properties.getHost() != null) ? this.properties.getHost() : localAddress();
		int port = (this.properties.getPort() != null) ? this.properties.getPort()
				: (this.webPort != null) ? this.webPort : 0;
		String instanceId = (this.properties.getInstanceId() != null) ? this.properties.getInstanceId()
				: service + "-" + host + "-" + port;
		DiscoveryProperties.Check check = this.properties.getCheck();
		ServiceRegistration registration = ServiceRegistration.of(service, instanceId.replace(':', '-'), host, port)
			.withMetadata(this.properties.getMetadata())
			.withTags(this.properties.getTags(), this.properties.getZone())
			.withChecks((check.getType() == DiscoveryProperties.Check.Type.TTL) ? check.getTtl() : null,
					check.getDeregisterCriticalAfter());
		return this.properties.isEphemeral() ? registration : registration.durable();
	}

	private void heartbeat() {
		try {
			this.registered.heartbeat();
		}
		catch (RuntimeException ex) {
			logger.debug("Heartbeat of the registered instance failed: " + ex.getMessage());
		}
	}

	private void probe() {
		Integer port = this.separateManagementServer ? this.managementPort
				: (this.webPort != null) ? this.webPort : (Integer) this.registered.registration().port();
		if (port == null) {
			return; // the management server has not started yet: no verdict rather than a false "critical"
		}
		String path = (this.properties.getCheck().getPath() != null) ? this.properties.getCheck().getPath()
				: this.defaultHealthPath;
		// the application probes itself, on loopback: the registered host may be an address only others can reach
		URI uri = URI.create("http://127.0.0.1:" + port + path);
		HealthStatus status;
		String output;
		try {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(uri).timeout(this.properties.getCheck().getTimeout()).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			int code = response.statusCode();
			status = (code >= 200 && code < 300) ? HealthStatus.PASSING
					: (code == 429) ? HealthStatus.WARNING : HealthStatus.CRITICAL;
			output = "HTTP GET " + uri + ": " + code;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		catch (Exception ex) {
			status = HealthStatus.CRITICAL;
			output = "HTTP GET " + uri + " failed: " + ex;
		}
		try {
			this.registered.reportHealth(status, output);
		}
		catch (RuntimeException ex) {
			logger.debug("Reporting the health of the registered instance failed: " + ex.getMessage());
		}
	}

	private static String localAddress() {
		try {
			return InetAddress.getLocalHost().getHostAddress();
		}
		catch (UnknownHostException ex) {
			return "127.0.0.1";
		}
	}

	@Override
	public synchronized void stop() {
		if (this.checks != null) {
			this.checks.shutdownNow();
			this.checks = null;
		}
		if (this.registered != null) {
			try {
				this.registered.close();
				logger.info("Deregistered instance '" + this.registered.registration().instanceId() + "'");
			}
			catch (RuntimeException ex) {
				logger.warn("Could not deregister: " + ex.getMessage());
			}
			this.registered = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.checks != null;
	}

	@Override
	public int getPhase() {
		// started after the web server (its port is known) and stopped first, before graceful shutdown drains
		// requests, so that clients stop picking this instance while it still answers
		return Integer.MAX_VALUE - 512;
	}

	/**
	 * The registered instance, once registered.
	 * @return the instance, or {@code null}
	 */
	public synchronized RegisteredInstance registered() {
		return this.registered;
	}

}
