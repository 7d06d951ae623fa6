package io.coordination.testsupport.architecture;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import io.coordination.Coordination;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API depends on the JDK only; and the rules every module checks, on the core.
 */
class ArchitectureTests extends AbstractArchitectureTests {

	private static final JavaClasses API = new ClassFileImporter()
		.withImportOption((location) -> location.contains("coordination-api"))
		.importPackagesOf(Coordination.class);

	@Override
	protected List<String> expectedPackages() {
		return List.of("io.coordination.core.internal.state");
	}

	@Test
	void apiIsPlainJava() {
		assertThat(API.contain(Coordination.class)).isTrue();
		ArchitectureRules.API_IS_PLAIN_JAVA.check(API);
	}

}
