package io.coordination.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.coordination.testsupport.architecture.AbstractArchitectureTests;

/**
 * The starter uses the core through its public API only, exposes no internals, and its feature packages do not
 * depend on each other in cycles.
 */
class ArchitectureTests extends AbstractArchitectureTests {

	@Override
	protected List<String> expectedPackages() {
		return List.of("io.coordination.autoconfigure.lock", "io.coordination.core.internal.client");
	}

	@Test
	void featurePackagesAreFreeOfCycles() {
		assertFeaturePackagesFreeOfCycles("io.coordination.autoconfigure");
	}

}
