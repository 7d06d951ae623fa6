package io.coordination.sidecar.it;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

import io.coordination.annotation.DistributedLock;
import io.coordination.annotation.LockContext;

/**
 * A Spring Boot application in sidecar mode, run as a process of its own by {@link SidecarModeWithoutCoreIT}: it
 * takes a lock through its sidecar and prints what it got and what its class path holds.
 */
public final class SidecarModeProbe {

	private SidecarModeProbe() {
	}

	/**
	 * Runs the probe.
	 * @param args the sidecar's URL, or "embedded" for an embedded node
	 */
	public static void main(String[] args) {
		boolean embedded = args[0].equals("embedded");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
			.web(WebApplicationType.NONE)
			.properties("spring.application.name=sidecar-mode-probe",
					"coordination.mode=" + (embedded ? "embedded" : "sidecar"),
					"coordination.sidecar.url=" + args[0], "coordination.discovery.port=8080",
					"coordination.discovery.host=127.0.0.1", "spring.main.banner-mode=off")
			.run()) {
			long token = context.getBean(Work.class).locked();
			System.out.println("PROBE token=" + token + " atomix="
					+ ClassUtils.isPresent("io.atomix.core.Atomix", null) + " core="
					+ ClassUtils.isPresent("io.coordination.core.CoordinationNode", null));
		}
		System.exit(0);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		Work work() {
			return new Work();
		}

	}

	static class Work {

		@DistributedLock(name = "sidecar-mode-probe", waitTime = "10s")
		public long locked() {
			return LockContext.currentToken();
		}

	}

}
