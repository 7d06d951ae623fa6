package io.coordination.autoconfigure.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.coordination.autoconfigure.SharedNode;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(SharedNode.class)
class CoordinationConfigAutoConfigurationTests {

	private final ApplicationContextRunner runner = SharedNode.runner(CoordinationConfigAutoConfiguration.class);

	@Test
	void watchesImportedConfigurationAndRefreshesThroughSpringCloud() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(CoordinationConfigWatcher.class)
			.hasSingleBean(SpringCloudConfigRefresher.class));
	}

	@Test
	void withoutSpringCloudContextBootsBinderRebindsProperties() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.cloud.context"))
			.run((context) -> assertThat(context).hasSingleBean(CoordinationConfigWatcher.class)
				.hasSingleBean(BinderConfigRefresher.class));
	}

	@Test
	void watchingIsSwitchedOffByItsProperty() {
		this.runner.withPropertyValues("coordination.config.watch=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CoordinationConfigWatcher.class));
	}

	@Test
	void aUserRefresherWins() {
		ConfigRefresher mine = (keys) -> {
		};
		this.runner.withBean(ConfigRefresher.class, () -> mine)
			.run((context) -> assertThat(context.getBean(ConfigRefresher.class)).isSameAs(mine));
	}

}
