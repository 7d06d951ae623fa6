package io.coordination.testsupport.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.coordination.core.MessagingTls;
import io.coordination.lock.LockLease;
import io.coordination.testsupport.cluster.DataDirectories;
import io.coordination.testsupport.cluster.InJvmCluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Three voters whose messaging runs over TLS, with a self-signed certificate for 127.0.0.1 made by keytool.
 */
class MessagingTlsTests {

	private static Path stores;

	private static InJvmCluster cluster;

	@BeforeAll
	static void start() throws Exception {
		stores = DataDirectories.create("coordination-tls-");
		Path keyStore = stores.resolve("member.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "member", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
				"-dname", "CN=coordination-test", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
				"-keystore", keyStore.toString(), "-storepass", "changeit", "-keypass", "changeit")
			.inheritIO()
			.start();
		assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(keytool.exitValue()).isZero();
		MessagingTls tls = new MessagingTls(keyStore, "changeit", keyStore, "changeit");
		cluster = new InJvmCluster(3, (builder) -> builder.messagingTls(tls)).start();
	}

	@AfterAll
	static void stop() {
		if (cluster != null) {
			cluster.close();
		}
		DataDirectories.delete(stores);
	}

	@Test
	void locksWorkAcrossMembersOverTls() {
		long first;
		try (LockLease lease = cluster.node(0).coordination().lock("tls").lock()) {
			first = lease.fencingToken();
			assertThat(cluster.node(1).coordination().lock("tls").tryLock()).isEmpty();
		}
		try (LockLease lease = cluster.node(2).coordination().lock("tls").tryLock(Duration.ofSeconds(30)).orElseThrow()) {
			assertThat(lease.fencingToken()).isGreaterThan(first);
		}
		assertThat(cluster.node(0).describe()).contains("with TLS");
	}

	@Test
	void missingStoresAreNamed() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new MessagingTls(Path.of("missing.p12"), "x", Path.of("missing.p12"), "x"))
			.withMessageContaining("missing.p12");
	}

}
