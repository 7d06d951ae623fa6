package io.coordination.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's dependency snippet is the one the starter's integration test builds a fresh application with
 * ({@code coordination-starter/src/it/readme-snippet}), so a snippet that does not build fails the build.
 */
class ReadmeSnippetTests {

	@Test
	void theReadmeSnippetIsTheOneTheStarterIsTestedWith() throws Exception {
		String readme = Files.readString(Path.of("..", "README.md"));
		int section = readme.indexOf("## Spring Boot");
		int start = readme.indexOf("```xml", section) + "```xml".length();
		String snippet = readme.substring(start, readme.indexOf("```", start)).strip();
		String tested = Files.readString(Path.of("..", "coordination-starter", "src", "it", "readme-snippet", "pom.xml"));
		String version = snippet.replaceAll("(?s).*<version>([^<]+)</version>.*", "$1");
		assertThat(normalize(tested.replace("@project.version@", version))).contains(normalize(snippet));
		assertThat(Files.readString(Path.of("..", "pom.xml"))).contains("<version>" + version + "</version>");
	}

	private static String normalize(String xml) {
		return xml.replaceAll("\\s+", "");
	}

}
