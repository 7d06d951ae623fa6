package io.coordination.autoconfigure.discovery;

import org.springframework.context.ApplicationListener;

/**
 * Learns the web server's port, when the application has one.
 */
final class WebServerPorts {

	/**
	 * Tells the registration the port of the application's web server and, when the actuator has its own, of the
	 * management server.
	 */
	static final class Listener
			implements ApplicationListener<org.springframework.boot.web.server.context.WebServerInitializedEvent> {

		private final AutoRegistration registration;

		Listener(AutoRegistration registration) {
			this.registration = registration;
		}

		@Override
		public void onApplicationEvent(org.springframework.boot.web.server.context.WebServerInitializedEvent event) {
			String namespace = event.getApplicationContext().getServerNamespace();
			if (namespace == null || namespace.isEmpty()) {
				this.registration.webServerStarted(event.getWebServer().getPort());
			}
			else if ("management".equals(namespace)) {
				this.registration.managementServerStarted(event.getWebServer().getPort());
			}
		}

	}

}
