package io.coordination.sidecar;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.coordination.testsupport.architecture.AbstractArchitectureTests;

/**
 * The sidecar and the HTTP client use the core and each other through public APIs only, expose no internals, and the
 * sidecar's feature packages do not depend on each other in cycles.
 */
class ArchitectureTests extends AbstractArchitectureTests {

	@Override
	protected List<String> expectedPackages() {
		return List.of("io.coordination.sidecar.lock", "io.coordination.client.internal",
				"io.coordination.core.internal.client");
	}

	@Test
	void featurePackagesAreFreeOfCycles() {
		assertFeaturePackagesFreeOfCycles("io.coordination.sidecar");
	}

}
