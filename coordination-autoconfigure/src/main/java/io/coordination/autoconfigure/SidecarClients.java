package io.coordination.autoconfigure;

import java.util.function.Function;

import javax.net.ssl.SSLContext;

import io.coordination.Coordination;
import io.coordination.client.HttpCoordination;

/**
 * Builds the sidecar's HTTP client; only loaded when coordination-client is on the classpath.
 */
final class SidecarClients {

	private SidecarClients() {
	}

	static Coordination open(CoordinationProperties properties, Function<String, SSLContext> sslBundles) {
		CoordinationProperties.Sidecar sidecar = properties.getSidecar();
		HttpCoordination.Builder builder = HttpCoordination.builder()
			.url(sidecar.getUrl().toString())
			.token(sidecar.getToken())
			.sessionTtl(properties.getSession().getTimeout())
			.timeout(properties.getOperationTimeout())
			.startTimeout(properties.getStartTimeout());
		if (sidecar.getSslBundle() != null && !sidecar.getSslBundle().isBlank()) {
			builder.sslContext(sslBundles.apply(sidecar.getSslBundle().trim()));
		}
		return builder.build();
	}

}
