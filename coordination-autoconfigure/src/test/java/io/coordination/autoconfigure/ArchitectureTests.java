package io.coordination.autoconfigure;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import io.coordination.testsupport.architecture.ArchitectureRules;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter uses the core through its public API only, exposes no internals, and its feature packages do not
 * depend on each other in cycles.
 */
class ArchitectureTests {

	private static final JavaClasses ALL = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.coordination");

	@Test
	void theStarterWasImported() {
		assertThat(ALL.containPackage("io.coordination.autoconfigure.lock")).isTrue();
		assertThat(ALL.containPackage("io.coordination.core.internal.client")).isTrue();
	}

	@Test
	void coreInternalsArePrivateToTheCore() {
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
		slices().matching("io.coordination.autoconfigure.(*)..").should().beFreeOfCycles().check(ALL);
	}

}
