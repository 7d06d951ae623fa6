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
		JsonNode tokens = named(objects, "coord-coordination-tokens");
		assertThat(tokens.at("/stringData/coordination.sidecar.security.tokens.agents.secret").asString())
			.isEqualTo("0123456789abcdef-secret");
		assertThat(tokens.at("/stringData/coordination.sidecar.security.tokens.agents.permissions").asString())
			.isEqualTo("write:*");
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
		assertThat(objects).noneMatch((object) -> object.at("/metadata/name").asString().endsWith("-tokens"));
	}

	/**
	 * Any pod that reached the Raft port could join the ensemble: by default members need a certificate from a CA
	 * generated at install, and a NetworkPolicy admits the port from the servers and the agents only.
	 */
	@Test
	void messagingIsMutualTlsWithGeneratedCertificatesBehindANetworkPolicy() {
		List<JsonNode> objects = render(withToken());
		JsonNode server = named(objects, "coord-coordination-messaging-tls");
		JsonNode agent = named(objects, "coord-coordination-agent-messaging-tls");
		for (JsonNode secret : List.of(server, agent)) {
			assertThat(decode(secret, "ca.crt")).startsWith("-----BEGIN CERTIFICATE-----");
			assertThat(decode(secret, "tls.crt")).startsWith("-----BEGIN CERTIFICATE-----");
			assertThat(decode(secret, "tls.key")).contains("PRIVATE KEY-----");
		}
		assertThat(decode(server, "ca.crt")).isEqualTo(decode(agent, "ca.crt"));
		JsonNode statefulSet = kind(objects, "StatefulSet");
		assertThat(args(statefulSet)).contains("--coordination.node.tls.bundle=messaging",
				"--spring.ssl.bundle.pem.messaging.truststore.certificate=file:/etc/coordination/messaging/ca.crt")
			.doesNotContain("--coordination.node.insecure-messaging=true");
		assertThat(statefulSet.at("/spec/template/spec/volumes").toString()).contains("coord-coordination-messaging-tls");
		JsonNode agents = named(objects, "coordination-agents");
		assertThat(agents.at("/spec/clusterIP").asString()).isEqualTo("None");
		assertThat(agents.at("/spec/selector/coordination.io~1agent").asString()).isEqualTo("true");

		JsonNode policy = kind(objects, "NetworkPolicy");
		assertThat(policy.at("/spec/ingress/0/ports/0/port").asString()).isEqualTo("raft");
		assertThat(policy.at("/spec/ingress/0/from/0/podSelector/matchLabels/app.kubernetes.io~1component").asString())
			.isEqualTo("server");
		assertThat(policy.at("/spec/ingress/0/from/1/podSelector/matchLabels/coordination.io~1agent").asString())
			.isEqualTo("true");
		assertThat(policy.at("/spec/ingress/1/from").isMissingNode()).isTrue();
		assertThat(policy.at("/spec/ingress/1/ports/0/port").asString()).isEqualTo("http");

		List<JsonNode> plain = render(withToken().set("messagingTls.enabled", "false"));
		assertThat(args(kind(plain, "StatefulSet"))).contains("--coordination.node.insecure-messaging=true");
		assertThat(plain).noneMatch((object) -> object.at("/metadata/name").asString().contains("messaging-tls"));
	}

	@Test
	void containersRunWithoutPrivilegesOnAReadOnlyRoot() {
		JsonNode pod = kind(render(withToken()), "StatefulSet").at("/spec/template/spec");
		assertThat(pod.at("/automountServiceAccountToken").asBoolean(true)).isFalse();
		assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
		assertThat(pod.at("/securityContext/seccompProfile/type").asString()).isEqualTo("RuntimeDefault");
		JsonNode container = pod.at("/containers/0/securityContext");
		assertThat(container.at("/allowPrivilegeEscalation").asBoolean(true)).isFalse();
		assertThat(container.at("/readOnlyRootFilesystem").asBoolean()).isTrue();
		assertThat(container.at("/capabilities/drop/0").asString()).isEqualTo("ALL");
		assertThat(pod.at("/containers/0/volumeMounts").toString()).contains("\"/tmp\"").contains("\"/data\"");
	}

	/**
	 * Token secrets used to be hashed into a pod annotation (anyone who can read the pod could test guesses) and
	 * written unescaped into a properties file (a newline in a secret injected properties).
	 */
	@Test
	void tokenSecretsAreNeitherHashedIntoThePodNorParsedAsProperties() {
		String annotation = kind(render(withToken()), "StatefulSet")
			.at("/spec/template/metadata/annotations/checksum~1tokens")
			.asString();
		assertThat(kind(render(template().set("security.tokens.agents.secret", "another-secret-0123456789")
			.set("security.tokens.agents.permissions", "write:*")), "StatefulSet")
			.at("/spec/template/metadata/annotations/checksum~1tokens")
			.asString()).isEqualTo(annotation);
		assertThat(kind(render(withToken().set("security.rotation", "1")), "StatefulSet")
			.at("/spec/template/metadata/annotations/checksum~1tokens")
			.asString()).isNotEqualTo(annotation);
		String injected = "0123456789abcdef\ncoordination.sidecar.security.enabled=false";
		JsonNode tokens = named(render(template().set("security.tokens.agents.secret", injected)
			.set("security.tokens.agents.permissions", "read:kv/")), "coord-coordination-tokens");
		assertThat(tokens.path("stringData").size()).isEqualTo(2);
		assertThatThrownBy(() -> template().set("security.tokens.agents.secret", "0123456789abcdef-secret")
			.set("security.tokens.agents.permissions", "read:kv/ write:*")
			.call()).hasMessageContaining("permissions must be read:<prefix> or write:<prefix>");
		assertThatThrownBy(() -> template().set("security.tokens.Agents\\.x.secret", "0123456789abcdef-secret")
			.set("security.tokens.Agents\\.x.permissions", "read:kv/")
			.call()).hasMessageContaining("token names are lower-case letters");
	}

	private static TemplateCommand withToken() {
		return template().set("security.tokens.agents.secret", "0123456789abcdef-secret")
			.set("security.tokens.agents.permissions", "write:*");
	}

	private static JsonNode named(List<JsonNode> objects, String name) {
		return objects.stream()
			.filter((object) -> object.at("/metadata/name").asString().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("nothing named " + name + " rendered"));
	}

	private static String decode(JsonNode secret, String key) {
		return new String(java.util.Base64.getDecoder().decode(secret.at("/data/" + key.replace("/", "~1")).asString()),
				java.nio.charset.StandardCharsets.UTF_8);
	}

	@Test
	void withoutTokensTheChartRefusesToRender() {
		assertThatThrownBy(() -> template().call()).hasMessageContaining("security.tokens");
		assertThatThrownBy(() -> template().set("security.tokens.short.secret", "too-short")
			.set("security.tokens.short.permissions", "read:kv/")
			.call()).hasMessageContaining("at least 16 characters");
	}

	private static TemplateCommand template() {
		// rendered offline: Helm's lookup of earlier Secrets needs a cluster
		return new Helm(CHART).template().withName("coord").withNamespace("tools")
			.set("messagingTls.keepAcrossUpgrades", "false");
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
