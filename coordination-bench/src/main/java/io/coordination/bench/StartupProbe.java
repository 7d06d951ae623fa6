package io.coordination.bench;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.coordination.Coordination;
import io.coordination.lock.LockLease;

/**
 * The application {@link StartupBenchmark} starts: the starter's auto-configuration, nothing else. Once its context
 * is refreshed and it has taken and released a lock, it prints {@link #READY} and waits to be stopped.
 */
public final class StartupProbe {

	/** What the probe prints when it is ready. */
	static final String READY = "STARTUP-PROBE READY";

	private StartupProbe() {
	}

	/**
	 * Runs the probe.
	 * @param args Spring Boot arguments
	 * @throws InterruptedException when stopped
	 */
	public static void main(String[] args) throws InterruptedException {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties("spring.application.name=startup-probe", "spring.main.banner-mode=off",
					"logging.level.root=WARN", "coordination.discovery.port=8080",
					"coordination.discovery.host=127.0.0.1")
			.run(args);
		try (LockLease lease = context.getBean(Coordination.class).lock("startup-probe").lock()) {
			System.out.println(READY + " token=" + lease.fencingToken());
		}
		Thread.currentThread().join();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
