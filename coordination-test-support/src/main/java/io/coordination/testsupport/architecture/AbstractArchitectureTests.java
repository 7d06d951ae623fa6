package io.coordination.testsupport.architecture;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The architecture rules every module checks on the production classes of its classpath: internals stay private to
 * their module, public signatures expose no internals, nothing uses the test support.
 */
public abstract class AbstractArchitectureTests {

	/** The production classes of {@code io.coordination} on the module's test classpath. */
	protected static final JavaClasses ALL = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.coordination");

	/**
	 * Packages that must have been imported, so that the rules cannot pass on nothing.
	 * @return package names
	 */
	protected abstract List<String> expectedPackages();

	@Test
	void theModulesWereImported() {
		assertThat(expectedPackages()).allSatisfy((name) -> assertThat(ALL.containPackage(name)).as(name).isTrue());
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

	/**
	 * Checks that the feature packages below a root do not depend on each other in cycles.
	 * @param root the root package, for example {@code io.coordination.sidecar}
	 */
	protected static void assertFeaturePackagesFreeOfCycles(String root) {
		slices().matching(root + ".(*)..").should().beFreeOfCycles().check(ALL);
	}

}
