package io.coordination.testsupport.contract;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.coordination.config.ConfigChange;
import io.coordination.config.ConfigFormat;
import io.coordination.config.ConfigStore;
import io.coordination.config.ConfigValidationException;
import io.coordination.config.ConfigVersion;
import io.coordination.config.EffectiveConfig;
import io.coordination.config.Rollout;
import io.coordination.kv.VersionConflictException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What every implementation's configuration store does.
 */
public abstract class AbstractConfigContractTests extends AbstractContractTests {

	private static final String SCHEMA = """
			{"type": "object",
			 "properties": {"server": {"type": "object",
			   "properties": {"port": {"type": "integer", "minimum": 1, "maximum": 65535}}, "required": ["port"]}},
			 "required": ["server"]}
			""";

	private ConfigStore config(int client) {
		return client(client).config();
	}

	private ConfigChange change(String app, String content) {
		return ConfigChange.of(app, "prod", ConfigFormat.PROPERTIES, content, "alice", "change");
	}

	@Test
	void versionsHistoryAndRollback() {
		String app = name("orders");
		assertThat(config(0).apply(change(app, "server.port=8080")).version()).isEqualTo(1);
		assertThat(config(1).apply(change(app, "server.port=9090")).version()).isEqualTo(2);
		ConfigVersion rolledBack = config(2).rollback(app, "prod", 1, "bob", "9090 is wrong");
		assertThat(rolledBack.version()).isEqualTo(3);
		assertThat(rolledBack.rolledBackTo()).isEqualTo(1);
		assertThat(config(0).history(app, "prod")).extracting(ConfigVersion::version, ConfigVersion::status)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(1L, ConfigVersion.Status.SUPERSEDED),
					org.assertj.core.groups.Tuple.tuple(2L, ConfigVersion.Status.SUPERSEDED),
					org.assertj.core.groups.Tuple.tuple(3L, ConfigVersion.Status.ACTIVE));
		assertThat(config(0).document(app, "prod").orElseThrow().active().content()).isEqualTo("server.port=8080");
		assertThatIllegalArgumentException().isThrownBy(() -> config(0).rollback(app, "prod", 99, "bob", ""))
			.withMessageContaining("Version 99");
	}

	@Test
	void anInvalidChangeIsRejectedWithEveryViolationAndTheActiveVersionStays() {
		String app = name("orders");
		config(0).configure(app, "prod", SCHEMA, 10);
		config(0).apply(change(app, "server.port=8080"));
		assertThatThrownBy(() -> config(1).apply(change(app, "server.port=0\nserver.host=x")))
			.isInstanceOfSatisfying(ConfigValidationException.class, (ex) -> {
				assertThat(ex.violations()).singleElement().asString().contains("server.port");
				assertThat(ex).hasMessageContaining("nothing was written");
			});
		assertThat(config(2).effective(app, "prod", "any", Map.of()).orElseThrow().content())
			.isEqualTo("server.port=8080");
		assertThat(config(2).history(app, "prod")).hasSize(1);
	}

	@Test
	void multiDocumentChangesAreAllOrNothingAndConcurrentEditsConflict() {
		String first = name("first");
		String second = name("second");
		config(0).configure(second, "prod", SCHEMA, 10);
		assertThatThrownBy(() -> config(0)
			.apply(List.of(change(first, "a=1"), change(second, "server.port=-1")))).isInstanceOf(ConfigValidationException.class);
		assertThat(config(1).document(first, "prod")).isEmpty();
		List<ConfigVersion> both = config(0).apply(List.of(change(first, "a=1"), change(second, "server.port=1")));
		assertThat(both).hasSize(2);
		assertThatThrownBy(() -> config(1).apply(change(first, "a=2").basedOn(0))).isInstanceOf(VersionConflictException.class);
		assertThat(config(1).apply(change(first, "a=2").basedOn(1)).version()).isEqualTo(2);
	}

	@Test
	void stagedRolloutReachesATargetedSubsetThenEveryone() {
		String app = name("orders");
		config(0).apply(change(app, "v=1"));
		config(0).stage(List.of(change(app, "v=2")), Rollout.percentage(50));
		assertThatIllegalStateException().isThrownBy(() -> config(0).apply(change(app, "v=3")))
			.withMessageContaining("promote or abort");
		List<String> instances = IntStream.range(0, 100).mapToObj((i) -> "pod-" + i).toList();
		long targeted = instances.stream()
			.filter((id) -> config(1).effective(app, "prod", id, Map.of()).orElseThrow().candidate())
			.count();
		assertThat(targeted).isBetween(20L, 80L);
		config(2).promote(app, "prod", "alice");
		assertThat(instances).allSatisfy((id) -> assertThat(config(1).effective(app, "prod", id, Map.of()).orElseThrow())
			.satisfies((e) -> {
				assertThat(e.version()).isEqualTo(2);
				assertThat(e.candidate()).isFalse();
			}));
	}

	@Test
	void anInstanceWatchingItsConfigurationSeesEveryChangeThatAppliesToIt() throws Exception {
		String app = name("orders");
		config(0).apply(change(app, "v=1"));
		List<EffectiveConfig> seen = new CopyOnWriteArrayList<>();
		try (AutoCloseable watch = config(1).watch(app, "prod", "canary", Map.of(), seen::add)) {
			await().atMost(seconds(10)).until(() -> seen.size() == 1);
			config(0).stage(List.of(change(app, "v=2")), Rollout.instances(java.util.Set.of("other")));
			config(0).abort(app, "prod", "alice");
			config(0).stage(List.of(change(app, "v=3")), Rollout.instances(java.util.Set.of("canary")));
			await().atMost(seconds(10)).until(() -> seen.size() == 2);
			config(0).abort(app, "prod", "alice");
			await().atMost(seconds(10)).until(() -> seen.size() == 3);
		}
		assertThat(seen).extracting(EffectiveConfig::version).containsExactly(1L, 3L, 1L);
		assertThat(seen.get(1).candidate()).isTrue();
	}

	@Test
	void rejectsBadInput() {
		assertThatIllegalArgumentException().isThrownBy(() -> config(0).document("a/b", "prod"))
			.withMessageContaining("application must not contain '/'");
		assertThatThrownBy(() -> config(0).configure(name("x"), "prod", "{", 10))
			.isInstanceOfSatisfying(ConfigValidationException.class,
					(ex) -> assertThat(ex.violations()).singleElement().asString().contains("not valid JSON"));
	}

}
