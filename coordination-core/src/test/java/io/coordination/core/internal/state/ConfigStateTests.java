package io.coordination.core.internal.state;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.coordination.config.ConfigChange;
import io.coordination.config.ConfigDocument;
import io.coordination.config.ConfigFormat;
import io.coordination.config.ConfigVersion;
import io.coordination.config.EffectiveConfig;
import io.coordination.config.Rollout;
import io.coordination.core.internal.protocol.Command;
import io.coordination.core.internal.protocol.ErrorCode;
import io.coordination.core.internal.protocol.Listing;
import io.coordination.core.internal.protocol.Query;
import io.coordination.core.internal.protocol.Result;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigStateTests {

	private static final String SCHEMA = """
			{
			  "type": "object",
			  "properties": {
			    "server": {
			      "type": "object",
			      "properties": { "port": { "type": "integer", "minimum": 1, "maximum": 65535 } },
			      "required": ["port"]
			    },
			    "feature": { "type": "object", "properties": { "enabled": { "type": "boolean" } } }
			  },
			  "required": ["server"]
			}
			""";

	private final StateMachineDriver sm = new StateMachineDriver();

	@BeforeEach
	void openSessions() {
		this.sm.openSessions(1);
	}

	@Test
	void everyChangeIsANewVersionWithAuthorTimeAndMessage() {
		ConfigVersion first = apply(change("server.port=8080"));
		this.sm.advance(1_000);
		ConfigVersion second = apply(change("server.port=9090"));
		assertThat(first.version()).isEqualTo(1);
		assertThat(second.version()).isEqualTo(2);
		assertThat(second.author()).isEqualTo("alice");
		assertThat(second.message()).isEqualTo("tune");
		assertThat(second.time().toEpochMilli()).isEqualTo(this.sm.now);
		assertThat(history()).extracting(ConfigVersion::version, ConfigVersion::status)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(1L, ConfigVersion.Status.SUPERSEDED),
					org.assertj.core.groups.Tuple.tuple(2L, ConfigVersion.Status.ACTIVE));
	}

	@Test
	void rollbackIsANewVersionWithTheOldContent() {
		apply(change("server.port=8080"));
		apply(change("server.port=9090"));
		Result result = this.sm.apply(1, new Command.ConfigRollback("orders", "prod", 1, "bob", "bad port"));
		ConfigVersion rolledBack = versions(result).get(0);
		assertThat(rolledBack.version()).isEqualTo(3);
		assertThat(rolledBack.rolledBackTo()).isEqualTo(1);
		assertThat(rolledBack.content()).isEqualTo("server.port=8080");
		assertThat(history()).hasSize(3);
		assertThat(this.sm.apply(1, new Command.ConfigRollback("orders", "prod", 42, "bob", "")))
			.isInstanceOfSatisfying(Result.Failed.class, (f) -> {
				assertThat(f.code()).isEqualTo(ErrorCode.NOT_FOUND);
				assertThat(f.message()).contains("Version 42").contains("[1, 2, 3]");
			});
	}

	@Test
	void aChangeViolatingTheSchemaIsRejectedWithEveryViolationAndNothingWritten() {
		configure(SCHEMA, 50);
		ConfigVersion good = apply(change("server.port=8080\nfeature.enabled=true"));
		long revision = (Long) this.sm.query(new Query.KvRevision());
		Result result = this.sm.apply(1, new Command.ConfigApply(
				List.of(change("server.port=99999\nfeature.enabled=maybe")), null));
		assertThat(result).isInstanceOfSatisfying(Result.Failed.class, (f) -> {
			assertThat(f.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
			assertThat(f.details()).hasSize(2);
			assertThat(String.join("\n", f.details())).contains("server.port").contains("feature.enabled");
		});
		assertThat(this.sm.query(new Query.KvRevision())).isEqualTo(revision);
		assertThat(effective("any", Map.of()).version()).isEqualTo(good.version());
	}

	@Test
	void yamlIsValidatedToo() {
		configure(SCHEMA, 50);
		ConfigChange yaml = new ConfigChange("orders", "prod", ConfigFormat.YAML, "server:\n  port: 8080\n", null,
				"alice", "yaml");
		assertThat(this.sm.apply(1, new Command.ConfigApply(List.of(yaml), null))).isInstanceOf(Result.ConfigVersions.class);
		ConfigChange broken = new ConfigChange("orders", "prod", ConfigFormat.YAML, "server: [unclosed", null, "a", "");
		assertThat(this.sm.apply(1, new Command.ConfigApply(List.of(broken), null))).isInstanceOfSatisfying(
				Result.Failed.class, (f) -> assertThat(f.details()).singleElement().asString().contains("YAML"));
		ConfigChange missing = new ConfigChange("orders", "prod", ConfigFormat.YAML, "feature:\n  enabled: true\n", null,
				"a", "");
		assertThat(this.sm.apply(1, new Command.ConfigApply(List.of(missing), null))).isInstanceOfSatisfying(
				Result.Failed.class, (f) -> assertThat(f.details()).singleElement().asString().contains("server"));
	}

	@Test
	void malformedOrRemoteSchemasAreRefused() {
		assertThat(this.sm.apply(1, new Command.ConfigConfigure("orders", "prod", "{not json", 50)))
			.isInstanceOfSatisfying(Result.Failed.class,
					(f) -> assertThat(f.details()).singleElement().asString().contains("not valid JSON"));
		assertThat(this.sm.apply(1, new Command.ConfigConfigure("orders", "prod",
				"{\"$ref\": \"https://example.com/s.json\"}", 50)))
			.isInstanceOfSatisfying(Result.Failed.class,
					(f) -> assertThat(f.details()).singleElement().asString().contains("not local"));
		assertThat(this.sm.apply(1, new Command.ConfigConfigure("orders", "prod", "{\"type\": 12}", 50)))
			.isInstanceOf(Result.Failed.class);
		assertThat(this.sm.apply(1, new Command.ConfigConfigure("orders", "prod", null, 0)))
			.isInstanceOfSatisfying(Result.Failed.class,
					(f) -> assertThat(f.message()).contains("historyLimit must be between 1 and 1000: 0"));
		assertThat(this.sm.query(new Query.ConfigDocumentQuery("orders", "prod"))).isNull();
	}

	/**
	 * A pattern that backtracks exponentially in {@code java.util.regex} ({@code (x+x+)+y} took 7.7 s on 1,200
	 * characters, on every voter, holding up every other write) runs in linear time.
	 */
	@Test
	void backtrackingPatternsRunInLinearTime() {
		configure("{\"properties\": {\"name\": {\"type\": \"string\", \"pattern\": \"(x+x+)+y\"}}}", 50);
		String attack = "name=" + "x".repeat(50_000);
		org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
				() -> assertThat(this.sm.apply(1, new Command.ConfigApply(List.of(change(attack)), null)))
					.isInstanceOfSatisfying(Result.Failed.class, (f) -> {
						assertThat(f.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
						assertThat(f.details()).singleElement().asString().contains("name");
					}));
		assertThat(apply(change("name=xxy")).version()).isEqualTo(1);
	}

	@Test
	void patternsThatCannotRunInLinearTimeAreRefused() {
		assertThat(this.sm.apply(1, new Command.ConfigConfigure("orders", "prod",
				"{\"properties\": {\"a\": {\"pattern\": \"^(?!admin).*$\"}}}", 50)))
			.isInstanceOfSatisfying(Result.Failed.class, (f) -> assertThat(f.details()).singleElement()
				.asString()
				.contains("(?!admin)")
				.contains("no backreferences or lookaround"));
		assertThat(this.sm.apply(1, new Command.ConfigConfigure("orders", "prod",
				"{\"patternProperties\": {\"(a)\\\\1\": {}}}", 50)))
			.isInstanceOf(Result.Failed.class);
		assertThat(this.sm.query(new Query.ConfigDocumentQuery("orders", "prod"))).isNull();
	}

	/**
	 * {@code {"$ref": "#"}} used to be accepted; every later write of the document then recursed until the stack
	 * overflowed, on every voter, and answered 503 after 15 s.
	 */
	@Test
	void schemasThatApplyThemselvesToTheSameValueWithoutEndAreRefused() {
		for (String schema : List.of("{\"$ref\": \"#\"}",
				"{\"allOf\": [{\"$ref\": \"#/$defs/a\"}], \"$defs\": {\"a\": {\"not\": {\"$ref\": \"#\"}}}}",
				"{\"$defs\": {\"a\": {\"$anchor\": \"loop\", \"anyOf\": [{\"$ref\": \"#loop\"}]}}, \"$ref\": \"#/$defs/a\"}")) {
			assertThat(this.sm.apply(1, new Command.ConfigConfigure("orders", "prod", schema, 50)))
				.as(schema)
				.isInstanceOfSatisfying(Result.Failed.class, (f) -> assertThat(f.details()).singleElement()
					.asString()
					.contains("applies itself to the same value without end"));
		}
		// recursion through a part of the value ends with the value
		configure("{\"type\": \"object\", \"properties\": {\"child\": {\"$ref\": \"#\"}, \"n\": {\"type\": \"integer\"}}}",
				50);
		assertThat(apply(change("child.child.n=1")).version()).isEqualTo(1);
		assertThat(this.sm.apply(1, new Command.ConfigApply(List.of(change("child.child.n=x")), null)))
			.isInstanceOfSatisfying(Result.Failed.class,
					(f) -> assertThat(f.details()).singleElement().asString().startsWith("child.child.n"));
	}

	@Test
	void deeplyNestedSchemasAndDocumentsAreRefused() {
		String deepSchema = "{\"properties\": {\"a\": ".repeat(20) + "{}" + "}}".repeat(20);
		assertThat(this.sm.apply(1, new Command.ConfigConfigure("orders", "prod", deepSchema, 50)))
			.isInstanceOfSatisfying(Result.Failed.class,
					(f) -> assertThat(f.details()).singleElement().asString().contains("deeper than 32 levels"));
		String deepDocument = "a." .repeat(70) + "b=1";
		assertThat(this.sm.apply(1, new Command.ConfigApply(List.of(change(deepDocument)), null)))
			.isInstanceOfSatisfying(Result.Failed.class, (f) -> {
				assertThat(f.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
				assertThat(f.details()).singleElement().asString().contains("deeper than 64 levels");
			});
	}

	@Test
	void aSchemaTheActiveVersionViolatesIsRefused() {
		apply(change("feature.enabled=true"));
		assertThat(this.sm.apply(1, new Command.ConfigConfigure("orders", "prod", SCHEMA, 50)))
			.isInstanceOfSatisfying(Result.Failed.class,
					(f) -> assertThat(f.details().get(0)).contains("version 1 in use"));
	}

	@Test
	void historyKeepsTheConfiguredNumberOfVersions() {
		configure(null, 3);
		for (int i = 0; i < 5; i++) {
			apply(change("server.port=" + (8000 + i)));
		}
		assertThat(history()).extracting(ConfigVersion::version).containsExactly(3L, 4L, 5L);
	}

	@Test
	void multiDocumentChangesAreAllOrNothing() {
		configure(SCHEMA, 50);
		ConfigChange good = new ConfigChange("billing", "prod", ConfigFormat.PROPERTIES, "any=1", null, "a", "");
		ConfigChange bad = change("server.port=not-a-number");
		Result result = this.sm.apply(1, new Command.ConfigApply(List.of(good, bad), null));
		assertThat(result).isInstanceOf(Result.Failed.class);
		assertThat(this.sm.query(new Query.ConfigDocumentQuery("billing", "prod"))).isNull();
		Result both = this.sm.apply(1, new Command.ConfigApply(List.of(good, change("server.port=1")), null));
		assertThat(versions(both)).extracting(ConfigVersion::application).containsExactly("billing", "orders");
	}

	@Test
	void expectedVersionGuardsConcurrentEdits() {
		apply(change("a=1"));
		Result conflict = this.sm.apply(1, new Command.ConfigApply(List.of(change("a=2").basedOn(0)), null));
		assertThat(conflict).isInstanceOfSatisfying(Result.Failed.class,
				(f) -> assertThat(f.code()).isEqualTo(ErrorCode.VERSION_CONFLICT));
		assertThat(apply(change("a=2").basedOn(1)).version()).isEqualTo(2);
	}

	@Test
	void stagedRolloutReachesAboutHalfThenEveryoneOnPromotion() {
		apply(change("version=1"));
		List<ConfigVersion> staged = versions(this.sm.apply(1,
				new Command.ConfigApply(List.of(change("version=2")), Rollout.percentage(50))));
		assertThat(staged.get(0).status()).isEqualTo(ConfigVersion.Status.CANDIDATE);
		List<String> instances = IntStream.range(0, 100).mapToObj((i) -> "pod-" + i).toList();
		long targeted = instances.stream().filter((id) -> effective(id, Map.of()).candidate()).count();
		assertThat(targeted).isBetween(40L, 60L);
		assertThat(instances.stream().filter((id) -> effective(id, Map.of()).candidate()).count())
			.as("stable across queries").isEqualTo(targeted);

		assertThat(this.sm.apply(1, new Command.ConfigApply(List.of(change("version=3")), null)))
			.isInstanceOfSatisfying(Result.Failed.class, (f) -> assertThat(f.code()).isEqualTo(ErrorCode.ROLLOUT_STATE));

		this.sm.apply(1, new Command.ConfigPromote("orders", "prod", "alice"));
		assertThat(instances).allSatisfy((id) -> assertThat(effective(id, Map.of()).version()).isEqualTo(2));
		ConfigDocument document = (ConfigDocument) this.sm.query(new Query.ConfigDocumentQuery("orders", "prod"));
		assertThat(document.candidate()).isNull();
		assertThat(document.rollout()).isNull();
	}

	@Test
	void percentageBucketsSpreadInstancesEvenlyAndDifferPerDocument() {
		int total = 0;
		for (int document = 0; document < 20; document++) {
			int targeted = 0;
			for (int instance = 0; instance < 100; instance++) {
				if (Rollout.percentage(50).targets("app-" + document + "/prod", "instance-" + instance, Map.of())) {
					targeted++;
				}
			}
			assertThat(targeted).as("document %d", document).isBetween(30, 70);
			total += targeted;
		}
		assertThat(total).as("of 2000").isBetween(900, 1100);
		assertThat(Rollout.percentage(0).targets("a/b", "x", Map.of())).isFalse();
		assertThat(Rollout.percentage(100).targets("a/b", "x", Map.of())).isTrue();
	}

	@Test
	void abortedRolloutLeavesTheActiveVersion() {
		apply(change("version=1"));
		this.sm.apply(1, new Command.ConfigApply(List.of(change("version=2")),
				new Rollout(0, Set.of("canary-1"), Map.of("ring", "early"))));
		assertThat(effective("canary-1", Map.of()).version()).isEqualTo(2);
		assertThat(effective("other", Map.of("ring", "early")).version()).isEqualTo(2);
		assertThat(effective("other", Map.of("ring", "late")).version()).isEqualTo(1);
		Result aborted = this.sm.apply(1, new Command.ConfigAbort("orders", "prod", "alice"));
		assertThat(versions(aborted).get(0).status()).isEqualTo(ConfigVersion.Status.ABORTED);
		assertThat(effective("canary-1", Map.of()).version()).isEqualTo(1);
		assertThat(this.sm.apply(1, new Command.ConfigAbort("orders", "prod", "alice")))
			.isInstanceOfSatisfying(Result.Failed.class, (f) -> assertThat(f.code()).isEqualTo(ErrorCode.ROLLOUT_STATE));
	}

	@Test
	void badNamesAreRefused() {
		Result result = this.sm.apply(1, new Command.ConfigApply(
				List.of(new ConfigChange("a/b", "prod", ConfigFormat.PROPERTIES, "", null, "x", "")), null));
		assertThat(result).isInstanceOfSatisfying(Result.Failed.class,
				(f) -> assertThat(f.message()).contains("application must not contain '/'"));
	}

	private ConfigChange change(String content) {
		return ConfigChange.of("orders", "prod", ConfigFormat.PROPERTIES, content, "alice", "tune");
	}

	private ConfigVersion apply(ConfigChange change) {
		return versions(this.sm.apply(1, new Command.ConfigApply(List.of(change), null))).get(0);
	}

	private void configure(String schema, int historyLimit) {
		assertThat(this.sm.apply(1, new Command.ConfigConfigure("orders", "prod", schema, historyLimit)))
			.isEqualTo(Result.DONE);
	}

	private static List<ConfigVersion> versions(Result result) {
		assertThat(result).isInstanceOf(Result.ConfigVersions.class);
		return ((Result.ConfigVersions) result).versions();
	}

	@SuppressWarnings("unchecked")
	private List<ConfigVersion> history() {
		return (List<ConfigVersion>) ((Listing) this.sm.query(new Query.ConfigHistory("orders", "prod"))).items();
	}

	private EffectiveConfig effective(String instance, Map<String, String> labels) {
		return (EffectiveConfig) this.sm.query(new Query.ConfigEffective("orders", "prod", instance, labels));
	}

}
