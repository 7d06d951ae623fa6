package io.coordination.discovery;

import java.util.List;

/**
 * Receives a service's instances whenever they change (registration, deregistration, health). Runs on a
 * coordination notification thread.
 */
@FunctionalInterface
public interface ServiceListener {

	/**
	 * The instances of a service changed.
	 * @param service the service
	 * @param instances all its instances now, healthy or not
	 */
	void instancesChanged(String service, List<ServiceInstance> instances);

}
