package io.coordination.sidecar;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import io.coordination.testsupport.architecture.ArchitectureRules;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sidecar and the HTTP client use the core and each other's internals through public APIs only, expose no
 * internals, and the sidecar's feature packages do not depend on each other in cycles.
 */
class ArchitectureTests {

	private static final JavaClasses ALL = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.coordination");

	@Test
	void theSidecarAndTheClientWereImported() {
		assertThat(ALL.containPackage("io.coordination.sidecar.lock")).isTrue();
		assertThat(ALL.containPackage("io.coordination.client.internal")).isTrue();
		assertThat(ALL.containPackage("io.coordination.core.internal.client")).isTrue();
	}

	@Test
	void internalPackagesArePrivateToTheirModule() {
		ArchitectureRules.INTERNAL_PACKAGES_ARE_PRIVATE.check(ALL);
	}

	@Test
	void publicApiHidesInternals() {
		ArchitectureRules.PUBLIC_API_HIDES_INTERNALS.check(ALL);
	}

	@Test
	void productionCodeDoesNotUseTestSupport() {
		ArchitectureRules.PRODUCTION_CODE_DOES_NOT_USE_TEST_SUPPORT.check(ALL);
	}

	@Test
	void featurePackagesAreFreeOfCycles() {
		slices().matching("io.coordination.sidecar.(*)..").should().beFreeOfCycles().check(ALL);
	}

}
