package io.coordination.sidecar.it;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.coordination.CoordinationUnavailableException;
import io.coordination.client.HttpCoordination;
import io.coordination.lock.LockLease;
import io.coordination.testsupport.cluster.DataDirectories;
import io.coordination.testsupport.cluster.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The HTTP API over TLS from a Spring Boot SSL bundle, with Atomix messaging over TLS as well, using a self-signed
 * certificate for 127.0.0.1 made by keytool: the client that trusts it works, plain HTTP and a client that does not
 * trust it are refused.
 */
class TlsIT {

	private static Path directory;

	private static SidecarProcess sidecar;

	private static SSLContext trusting;

	@BeforeAll
	static void start() throws Exception {
		directory = DataDirectories.create("sidecar-tls-");
		Path keyStore = directory.resolve("sidecar.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "sidecar", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname",
				"CN=coordination-sidecar-test", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
				"-keystore", keyStore.toString(), "-storepass", "changeit", "-keypass", "changeit")
			.inheritIO()
			.start();
		assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(keytool.exitValue()).isZero();
		trusting = trusting(keyStore);
		Path data = directory.resolve("data");
		sidecar = SidecarProcess.start("tls", FreePorts.next(), Path.of("target", "sidecar-it"),
				List.of("--coordination.node.id=tls", "--coordination.node.port=" + FreePorts.next(),
						"--coordination.node.data-dir=" + data, "--server.ssl.bundle=api",
						"--spring.ssl.bundle.jks.api.keystore.location=file:" + keyStore,
						"--spring.ssl.bundle.jks.api.keystore.password=changeit",
						"--spring.ssl.bundle.jks.api.keystore.type=PKCS12",
						"--coordination.node.tls.key-store=" + keyStore,
						"--coordination.node.tls.key-store-password=changeit",
						"--coordination.node.tls.trust-store=" + keyStore,
						"--coordination.node.tls.trust-store-password=changeit"),
				trusting);
		sidecar.awaitReady(Duration.ofMinutes(2));
	}

	@AfterAll
	static void stop() {
		if (sidecar != null) {
			sidecar.close();
		}
		DataDirectories.delete(directory);
	}

	@Test
	void aClientTrustingTheCertificateWorksOverHttps() {
		assertThat(sidecar.url()).startsWith("https://");
		try (HttpCoordination client = HttpCoordination.builder().url(sidecar.url()).sslContext(trusting).build()) {
			long first;
			try (LockLease lease = client.lock("tls").lock()) {
				first = lease.fencingToken();
			}
			try (LockLease lease = client.lock("tls").lock()) {
				assertThat(lease.fencingToken()).isGreaterThan(first);
			}
			assertThat(client.keyValue().put("/tls/greeting", "hello over TLS").version()).isEqualTo(1);
		}
	}

	@Test
	void plainHttpAndUntrustedClientsAreRefused() throws Exception {
		String plain = sidecar.url().replace("https://", "http://");
		HttpResponse<String> answer = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(plain + "/v1/locks/tls")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).isEqualTo(400);
		assertThatThrownBy(() -> HttpCoordination.builder().url(sidecar.url()).retryAttempts(1).build())
			.isInstanceOf(CoordinationUnavailableException.class);
	}

	private static SSLContext trusting(Path keyStore) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keyStore)) {
			store.load(in, "changeit".toCharArray());
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(store);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return context;
	}

}
