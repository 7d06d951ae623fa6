package io.coordination.sidecar;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The coordination sidecar: the coordination core behind an HTTP API. Started with no arguments it is a single-node
 * server with the API on {@code 127.0.0.1:8500}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SidecarApplication {

	/**
	 * Starts the sidecar.
	 * @param args command-line arguments ({@code --coordination.sidecar.role=agent}, ...)
	 */
	public static void main(String[] args) {
		SpringApplication.run(SidecarApplication.class, args);
	}

}
