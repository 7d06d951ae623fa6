package io.coordination.sidecar;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every property of the sidecar's configuration metadata is documented in {@code docs/sidecar.md}.
 */
class PropertyReferenceTests {

	@Test
	void everySidecarPropertyIsDocumented() throws Exception {
		JsonNode metadata = JsonMapper.builder()
			.build()
			.readTree(Path.of("target", "classes", "META-INF", "spring-configuration-metadata.json").toFile());
		String docs = Files.readString(Path.of("..", "docs", "sidecar.md"));
		assertThat(metadata.path("properties")).isNotEmpty();
		for (JsonNode property : metadata.path("properties")) {
			String name = property.path("name").asString();
			assertThat(docs).as(name).containsAnyOf("`" + name + "`", "`" + name + ".<");
		}
	}

}
