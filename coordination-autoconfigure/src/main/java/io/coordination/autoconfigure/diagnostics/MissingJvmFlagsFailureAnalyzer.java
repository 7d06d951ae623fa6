package io.coordination.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.coordination.core.MissingJvmFlagsException;

/**
 * Replaces the stack trace of a node started without the JVM flags Atomix needs with the fix, for each way a Spring
 * Boot application is started.
 */
class MissingJvmFlagsFailureAnalyzer extends AbstractFailureAnalyzer<MissingJvmFlagsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingJvmFlagsException cause) {
		String flags = cause.flags();
		String action = """
				Start the JVM with them:

				    java %1$s -jar app.jar

				or let `java -jar` open them itself: give the jar's manifest an Add-Opens entry (maven-jar-plugin, \
				kept by spring-boot-maven-plugin's repackaging):

				    <plugin>
				      <groupId>org.apache.maven.plugins</groupId>
				      <artifactId>maven-jar-plugin</artifactId>
				      <configuration>
				        <archive>
				          <manifestEntries>
				            <Add-Opens>%2$s</Add-Opens>
				          </manifestEntries>
				        </archive>
				      </configuration>
				    </plugin>

				For mvn spring-boot:run, set <jvmArguments>%1$s</jvmArguments> in spring-boot-maven-plugin; for tests, \
				<argLine>%1$s</argLine> in maven-surefire-plugin; with Gradle, jvmArgs of bootRun and test. \
				In a container image, JAVA_TOOL_OPTIONS="%1$s" works too.""".formatted(flags, cause.manifestValue());
		return new FailureAnalysis(cause.getMessage(), action, cause);
	}

}
