package io.coordination.autoconfigure;

import io.coordination.Coordination;
import io.coordination.client.HttpCoordination;

/**
 * Builds the sidecar's HTTP client; only loaded when coordination-client is on the classpath.
 */
final class SidecarClients {

	private SidecarClients() {
	}

	static Coordination open(CoordinationProperties properties) {
		CoordinationProperties.Sidecar sidecar = properties.getSidecar();
		return HttpCoordination.builder()
			.url(sidecar.getUrl().toString())
			.token(sidecar.getToken())
			.sessionTtl(properties.getSession().getTimeout())
			.timeout(properties.getOperationTimeout())
			.build();
	}

}
