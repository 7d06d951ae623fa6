package io.coordination.sidecar;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Helm chart, linted and rendered with Helm's own library: a StatefulSet of voters that find each other through
 * the headless service's SRV records, started in parallel, with tokens required, and only arguments the sidecar
 * knows.
 */
class HelmChartTests {

	private static final Path CHART = Path.of("..", "helm", "coordination");

	private static final YAMLMapper yaml = YAMLMapper.builder().build();

	@Test
	void theChartLintsCleanly() {
		LintResult lint = new Helm(CHART).lint().strict().call();
		assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
	}

	@Test
	void votersFindEachOtherThroughTheHeadlessServiceAndStartTogether() {
		List<JsonNode> objects = render(template().set("security.tokens.agents.secret", "0123456789abcdef-secret")
			.set("security.tokens.agents.permissions", "write:*"));
		JsonNode statefulSet = kind(objects, "StatefulSet");
		assertThat(statefulSet.at("/spec/replicas").asInt()).isEqualTo(3);
		assertThat(statefulSet.at("/spec/podManagementPolicy").asString()).isEqualTo("Parallel");
		assertThat(statefulSet.at("/spec/serviceName").asString()).isEqualTo("coord-coordination-raft");
		JsonNode headless = objects.stream()
			.filter((object) -> object.at("/metadata/name").asString().equals("coord-coordination-raft"))
			.findFirst()
			.orElseThrow();
		assertThat(headless.at("/spec/clusterIP").asString()).isEqualTo("None");
		assertThat(headless.at("/spec/publishNotReadyAddresses").asBoolean()).isTrue();
		assertThat(headless.at("/spec/ports/0/name").asString()).isEqualTo("raft");
		List<String> args = args(statefulSet);
		assertThat(args).contains("--coordination.sidecar.role=server",
				"--coordination.cluster.dns=srv:_raft._tcp.coord-coordination-raft.tools.svc.cluster.local",
				"--coordination.cluster.expected-voters=3", "--coordination.node.id=$(POD_NAME)",
				"--coordination.node.host=$(POD_NAME).coord-coordination-raft.tools.svc.cluster.local");
		assertThat(kind(objects, "Secret").at("/stringData/tokens.properties").asString())
			.contains("coordination.sidecar.security.tokens.agents.secret=0123456789abcdef-secret")
			.contains("coordination.sidecar.security.tokens.agents.permissions=write:*");
		assertThat(statefulSet.at("/spec/template/spec/containers/0/readinessProbe/httpGet/path").asString())
			.isEqualTo("/actuator/health/readiness");
		assertThat(kind(objects, "PodDisruptionBudget").at("/spec/maxUnavailable").asInt()).isEqualTo(1);
	}

	@Test
	void everyCoordinationArgumentIsAPropertyTheSidecarKnows() throws Exception {
		Set<String> known = knownProperties();
		List<JsonNode> objects = render(template().set("security.existingSecret", "tokens")
			.set("tls.secretName", "api-tls")
			.set("replicas", "5"));
		List<String> args = args(kind(objects, "StatefulSet"));
		assertThat(args).contains("--coordination.cluster.expected-voters=5", "--server.ssl.bundle=api");
		for (String arg : args) {
			String name = arg.substring(2, arg.indexOf('='));
			if (name.startsWith("coordination.")) {
				assertThat(known).as("property of %s", arg).contains(name);
			}
		}
		assertThat(kind(objects, "StatefulSet").at("/spec/template/spec/containers/0/livenessProbe/httpGet/scheme")
			.asString()).isEqualTo("HTTPS");
		assertThat(objects).noneMatch((object) -> object.path("kind").asString().equals("Secret"));
	}

	@Test
	void withoutTokensTheChartRefusesToRender() {
		assertThatThrownBy(() -> template().call()).hasMessageContaining("security.tokens");
		assertThatThrownBy(() -> template().set("security.tokens.short.secret", "too-short")
			.set("security.tokens.short.permissions", "read:kv/")
			.call()).hasMessageContaining("at least 16 characters");
	}

	private static TemplateCommand template() {
		return new Helm(CHART).template().withName("coord").withNamespace("tools");
	}

	private static List<JsonNode> render(TemplateCommand template) {
		String rendered = template.call();
		List<JsonNode> objects = new ArrayList<>();
		for (String document : rendered.split("(?m)^---\\s*$")) {
			JsonNode object = yaml.readTree(document);
			if (object != null && object.isObject() && object.has("kind")) {
				objects.add(object);
			}
		}
		return objects;
	}

	private static JsonNode kind(List<JsonNode> objects, String kind) {
		return objects.stream()
			.filter((object) -> object.path("kind").asString().equals(kind))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + kind + " rendered"));
	}

	private static List<String> args(JsonNode statefulSet) {
		List<String> args = new ArrayList<>();
		statefulSet.at("/spec/template/spec/containers/0/args").forEach((arg) -> args.add(arg.asString()));
		return args;
	}

	/** Property names from the configuration metadata of the starter and the sidecar (map properties as prefixes). */
	private static Set<String> knownProperties() throws Exception {
		Set<String> names = new HashSet<>();
		JsonMapper json = JsonMapper.builder().build();
		var resources = HelmChartTests.class.getClassLoader().getResources("META-INF/spring-configuration-metadata.json");
		while (resources.hasMoreElements()) {
			try (InputStream in = resources.nextElement().openStream()) {
				json.readTree(in).path("properties").forEach((property) -> names.add(property.path("name").asString()));
			}
		}
		Path own = Path.of("target", "classes", "META-INF", "spring-configuration-metadata.json");
		if (Files.exists(own)) {
			json.readTree(own.toFile()).path("properties").forEach((property) -> names.add(property.path("name").asString()));
		}
		assertThat(names).contains("coordination.cluster.dns", "coordination.sidecar.role");
		return names;
	}

}
