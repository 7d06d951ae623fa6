package io.coordination.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

import io.coordination.core.MissingJvmFlagsException;

/**
 * Replaces the stack trace of a node started without the JVM flags Atomix needs with the fix, for each way a Spring
 * Boot application is started.
 */
class MissingJvmFlagsFailureAnalyzer implements FailureAnalyzer {

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		Throwable cause = Causes.find(failure, "io.coordination.core.MissingJvmFlagsException");
		return (cause != null) ? analyze((MissingJvmFlagsException) cause) : null;
	}

	private static FailureAnalysis analyze(MissingJvmFlagsException cause) {
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
