package io.coordination.testsupport.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import io.coordination.Coordination;

class ArchitectureTests {

	private static final JavaClasses ALL = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.coordination");

	private static final JavaClasses API = new ClassFileImporter()
		.withImportOption((location) -> location.contains("coordination-api"))
		.importPackagesOf(Coordination.class);

	@Test
	void apiIsPlainJava() {
		ArchitectureRules.API_IS_PLAIN_JAVA.check(API);
	}

	@Test
	void apiClassesWereFound() {
		org.assertj.core.api.Assertions.assertThat(API.contain(Coordination.class)).isTrue();
		org.assertj.core.api.Assertions.assertThat(ALL.containPackage("io.coordination.core.internal.state")).isTrue();
	}

	@Test
	void internalPackagesArePrivate() {
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

}
