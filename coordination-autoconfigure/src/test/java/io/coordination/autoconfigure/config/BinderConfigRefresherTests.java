package io.coordination.autoconfigure.config;

import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.Min;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.annotation.Validated;

import io.coordination.config.ConfigChange;
import io.coordination.config.ConfigFormat;
import io.coordination.config.ConfigStore;
import io.coordination.autoconfigure.SharedNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Without Spring Cloud Context, a changed imported document reaches {@code @ConfigurationProperties} beans through
 * Spring Boot's binder: setters are called again, a value that does not validate is refused whole, and what cannot
 * change (constructor-bound properties) is said at start-up. Before, the environment changed and the beans silently
 * kept their old values.
 */
@ExtendWith({ SharedNode.class, OutputCaptureExtension.class })
class BinderConfigRefresherTests {

	private final String application = "binder-" + UUID.randomUUID();

	private final ApplicationContextRunner runner = SharedNode.runner(CoordinationConfigAutoConfiguration.class)
		.withClassLoader(new FilteredClassLoader("org.springframework.cloud"))
		.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(CoordinationPropertySource.of(store()
				.effective(this.application, "default", "instance-1", Map.of())
				.orElseThrow())))
		.withUserConfiguration(App.class);

	private ConfigStore store() {
		return SharedNode.node().coordination().config();
	}

	private void publish(String content) {
		store().apply(ConfigChange.of(this.application, "default", ConfigFormat.PROPERTIES, content, "ops", "test"));
	}

	@Test
	void changedPropertiesAreBoundAgainIntoTheExistingBean() {
		publish("orders.limit=5\norders.greeting=hello\n");
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(BinderConfigRefresher.class);
			OrdersProperties orders = context.getBean(OrdersProperties.class);
			assertThat(orders.getLimit()).isEqualTo(5);

			publish("orders.limit=7\norders.greeting=hi\n");
			await().until(() -> orders.getLimit() == 7);
			assertThat(orders.getGreeting()).isEqualTo("hi");
			assertThat(context.getBean(OrdersProperties.class)).isSameAs(orders);
		});
	}

	@Test
	void aValueThatDoesNotValidateIsRefusedWholeAndNamed(CapturedOutput output) {
		publish("orders.limit=5\norders.greeting=hello\n");
		this.runner.run((context) -> {
			OrdersProperties orders = context.getBean(OrdersProperties.class);
			publish("orders.limit=0\norders.greeting=changed\n");
			await().until(() -> output.getOut().contains("Cannot apply the changed configuration"));
			assertThat(output.getOut()).contains("'orders'").contains("limit");
			// neither the invalid limit nor the valid greeting of the same change was applied
			assertThat(orders.getLimit()).isEqualTo(5);
			assertThat(orders.getGreeting()).isEqualTo("hello");

			publish("orders.limit=not-a-number\n");
			await().until(() -> output.getOut().contains("not-a-number"));
			assertThat(orders.getLimit()).isEqualTo(5);
		});
	}

	@Test
	void constructorBoundPropertiesAreNamedAtStartUpAsNotLive(CapturedOutput output) {
		publish("orders.limit=5\nfixed.size=3\n");
		this.runner.run((context) -> {
			assertThat(context.getBean(FixedProperties.class).size()).isEqualTo(3);
			assertThat(output.getOut()).contains("@ConfigurationProperties(\"fixed\")")
				.contains("constructor-bound")
				.doesNotContain("@ConfigurationProperties(\"orders\")");
			assertThat(output.getOut()).contains("2025.1");
		});
	}

	@Test
	void withSpringCloudContextItsRebinderIsUsedInstead() {
		SharedNode.runner(CoordinationConfigAutoConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(BinderConfigRefresher.class)
				.hasSingleBean(SpringCloudConfigRefresher.class));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ OrdersProperties.class, FixedProperties.class })
	static class App {

	}

	@ConfigurationProperties("orders")
	@Validated
	static class OrdersProperties {

		@Min(1)
		private int limit = 1;

		private String greeting = "none";

		public int getLimit() {
			return this.limit;
		}

		public void setLimit(int limit) {
			this.limit = limit;
		}

		public String getGreeting() {
			return this.greeting;
		}

		public void setGreeting(String greeting) {
			this.greeting = greeting;
		}

	}

	@ConfigurationProperties("fixed")
	record FixedProperties(int size) {
	}

}
