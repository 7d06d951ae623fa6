package io.coordination.autoconfigure;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.coordination.QuotaExceededException;
import io.coordination.core.CoordinationNode;
import io.coordination.kv.KeyValueStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The node's security and budgets as the starter configures them: messaging TLS from a Spring Boot SSL bundle, plain
 * messaging beyond loopback refused, and the key-value budget enforced by the cluster.
 */
class NodeSecurityAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, CoordinationAutoConfiguration.class));

	@TempDir
	Path data;

	@Test
	void messagingTlsComesFromAnSslBundle() throws Exception {
		Path keyStore = this.data.resolve("member.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "member", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname",
				"CN=member", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12", "-keystore",
				keyStore.toString(), "-storepass", "changeit", "-keypass", "changeit")
			.inheritIO()
			.start();
		assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
		this.runner
			.withPropertyValues("coordination.node.port=0", "coordination.node.data-dir=" + this.data.resolve("node"),
					"coordination.node.tls.bundle=messaging",
					"spring.ssl.bundle.jks.messaging.keystore.location=file:" + keyStore,
					"spring.ssl.bundle.jks.messaging.keystore.password=changeit",
					"spring.ssl.bundle.jks.messaging.keystore.type=PKCS12",
					"spring.ssl.bundle.jks.messaging.truststore.location=file:" + keyStore,
					"spring.ssl.bundle.jks.messaging.truststore.password=changeit",
					"spring.ssl.bundle.jks.messaging.truststore.type=PKCS12")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(CoordinationNode.class).describe()).contains("with TLS");
			});
	}

	@Test
	void plainMessagingBeyondLoopbackDoesNotStart() {
		this.runner
			.withPropertyValues("coordination.node.port=0", "coordination.node.bind-host=0.0.0.0",
					"coordination.node.data-dir=" + this.data.resolve("node"))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("beyond loopback, without TLS")
				.hasMessageContaining("coordination.node.insecure-messaging"));
	}

	@Test
	void writesPastTheKeyValueBudgetAreRefused() {
		this.runner
			.withPropertyValues("coordination.node.port=0", "coordination.node.data-dir=" + this.data.resolve("node"),
					"coordination.kv.max-bytes=1MB")
			.run((context) -> {
				KeyValueStore kv = context.getBean(KeyValueStore.class);
				byte[] value = new byte[200 * 1024];
				for (int i = 0; i < 5; i++) {
					kv.put("/budget/" + i, value, io.coordination.kv.PutOptions.DEFAULT);
				}
				assertThatThrownBy(() -> kv.put("/budget/5", value, io.coordination.kv.PutOptions.DEFAULT))
					.isInstanceOf(QuotaExceededException.class)
					.hasMessageContaining("coordination.kv.max-bytes");
				assertThat(kv.get("/budget/5")).isEmpty();
			});
	}

}
