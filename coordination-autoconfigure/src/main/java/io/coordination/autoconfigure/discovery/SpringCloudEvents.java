package io.coordination.autoconfigure.discovery;

import org.springframework.cloud.client.discovery.event.InstanceRegisteredEvent;
import org.springframework.context.ApplicationEventPublisher;

import io.coordination.discovery.ServiceRegistration;

/**
 * Spring Cloud Commons' registration event, in a class of its own: loaded only when Spring Cloud Commons is present.
 */
final class SpringCloudEvents {

	private SpringCloudEvents() {
	}

	static void registered(ApplicationEventPublisher events, Object source, ServiceRegistration registration) {
		events.publishEvent(new InstanceRegisteredEvent<>(source, registration));
	}

}
