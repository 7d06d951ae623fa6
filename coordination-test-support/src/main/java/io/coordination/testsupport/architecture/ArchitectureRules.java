package io.coordination.testsupport.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layering rules every module checks: the API stays plain Java, and {@code internal} packages are private to the
 * module tree they belong to.
 */
public final class ArchitectureRules {

	/**
	 * {@code coordination-api} depends on the JDK only: no Spring, no Atomix, no Jackson, no logging.
	 */
	public static final ArchRule API_IS_PLAIN_JAVA = classes().should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("io.coordination..", "java..")
		.as("coordination-api depends on the JDK only (no Spring, Atomix, Jackson or logging)");

	/**
	 * A class in {@code a.b.internal..} is used only by classes in {@code a.b..}.
	 */
	public static final ArchRule INTERNAL_PACKAGES_ARE_PRIVATE = classes().should(new ArchCondition<>(
			"only depend on internal packages of their own module") {

		@Override
		public void check(JavaClass item, ConditionEvents events) {
			for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
				String target = dependency.getTargetClass().getPackageName();
				int internal = target.indexOf(".internal");
				if (target.startsWith("io.coordination.") && internal > 0) {
					String owner = target.substring(0, internal);
					if (!item.getPackageName().equals(owner) && !item.getPackageName().startsWith(owner + ".")) {
						events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
					}
				}
			}
		}

	});

	/**
	 * Public methods of public types outside {@code internal} packages do not expose internal types.
	 */
	public static final ArchRule PUBLIC_API_HIDES_INTERNALS = methods().that()
		.arePublic()
		.and()
		.areDeclaredInClassesThat(DescribedPredicate.describe("public types outside internal packages",
				(JavaClass type) -> type.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)
						&& !type.getPackageName().contains(".internal")))
		.should(new ArchCondition<>("not expose internal types") {

			@Override
			public void check(JavaMethod method, ConditionEvents events) {
				boolean exposes = method.getRawReturnType().getPackageName().contains(".internal")
						|| method.getRawParameterTypes().stream().anyMatch((t) -> t.getPackageName().contains(".internal"));
				if (exposes) {
					events.add(SimpleConditionEvent.violated(method, method.getFullName() + " exposes an internal type"));
				}
			}

		})
		.allowEmptyShould(true);

	/**
	 * Nothing depends on test support except tests.
	 */
	public static final ArchRule PRODUCTION_CODE_DOES_NOT_USE_TEST_SUPPORT = noClasses().that()
		.resideOutsideOfPackage("io.coordination.testsupport..")
		.and()
		.resideOutsideOfPackage("io.coordination.bench..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.coordination.testsupport..");

	private ArchitectureRules() {
	}

}
