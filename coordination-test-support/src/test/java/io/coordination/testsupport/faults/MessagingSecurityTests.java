package io.coordination.testsupport.faults;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.coordination.testsupport.cluster.DataDirectories;
import io.coordination.testsupport.process.NodeProcess;
import io.coordination.testsupport.process.ProcessCluster;

import static io.coordination.testsupport.faults.ProcessFaultTests.JVM;
import static io.coordination.testsupport.faults.ProcessFaultTests.timeout;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Membership needs a certificate from the cluster's CA: three voter processes with mutual TLS on their messaging port
 * admit a client member that has one, and refuse a process without TLS and one with a certificate of its own making
 * (either used to be able to join a cluster it could reach, and then read and write everything). And nothing listens
 * for UDP on the messaging port: Atomix delivered any datagram naming a subject to its subscribers, unauthenticated
 * even with TLS on.
 */
class MessagingSecurityTests {

	private static final String PASSWORD = "changeit";

	private static Path stores;

	private static ProcessCluster cluster;

	@BeforeAll
	static void start() throws Exception {
		stores = DataDirectories.create("coordination-messaging-tls-");
		keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=coordination-test-ca",
				"-ext", "bc:c", "-validity", "2", "-storetype", "PKCS12", "-keystore", store("ca.p12"));
		keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", store("ca.p12"), "-file", store("ca.pem"));
		keytool("-importcert", "-noprompt", "-alias", "ca", "-file", store("ca.pem"), "-storetype", "PKCS12",
				"-keystore", store("trust.p12"));
		keytool("-genkeypair", "-alias", "member", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=member",
				"-validity", "2", "-storetype", "PKCS12", "-keystore", store("member.p12"));
		keytool("-certreq", "-alias", "member", "-keystore", store("member.p12"), "-file", store("member.csr"));
		keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", store("ca.p12"), "-infile", store("member.csr"),
				"-outfile", store("member.pem"), "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2");
		keytool("-importcert", "-noprompt", "-alias", "ca", "-file", store("ca.pem"), "-keystore", store("member.p12"));
		keytool("-importcert", "-alias", "member", "-file", store("member.pem"), "-keystore", store("member.p12"));
		// an intruder's own certificate, valid for the address, trusting the cluster's CA
		keytool("-genkeypair", "-alias", "rogue", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=member",
				"-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore",
				store("rogue.p12"));
		cluster = new ProcessCluster(3, Duration.ofSeconds(10), jvm(tls("member.p12"))).start();
	}

	@AfterAll
	static void stop() {
		if (cluster != null) {
			cluster.close();
		}
		DataDirectories.delete(stores);
	}

	@Test
	void aMemberWithACertificateFromTheClustersCaJoinsAndIntrudersDoNot() {
		NodeProcess member = cluster.startClient("member");
		assertThat(member.call("lock admitted 10000", timeout(30), "GRANTED", "BUSY")).startsWith("GRANTED");

		List<String> shortStart = List.of("-Dcoordination.start-timeout=20");
		NodeProcess plain = cluster.launchClient("intruder-plain", jvm(shortStart));
		NodeProcess rogue = cluster.launchClient("intruder-rogue", jvm(shortStart, tls("rogue.p12")));
		for (NodeProcess intruder : List.of(plain, rogue)) {
			assertThat(intruder.awaitExit(timeout(120))).as(intruder.id()).isNotZero();
			assertThat(intruder.output()).as(intruder.id()).noneMatch((line) -> line.startsWith("READY"));
			assertThat(intruder.logText()).as(intruder.id()).contains("could not join its cluster");
		}
		// the member still holds its lock: nobody else got in
		assertThat(member.call("info admitted", timeout(30), "INFO")).startsWith("INFO admitted member ");
	}

	@Test
	void nothingListensForUdpOnTheMessagingPorts() throws IOException {
		for (String member : cluster.members()) {
			int port = Integer.parseInt(member.substring(member.lastIndexOf(':') + 1));
			try (DatagramSocket socket = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
				assertThat(socket.isBound()).as(member).isTrue();
			}
		}
	}

	@SafeVarargs
	private static List<String> jvm(List<String>... extra) {
		List<String> arguments = new ArrayList<>(JVM);
		Stream.of(extra).forEach(arguments::addAll);
		return arguments;
	}

	private static List<String> tls(String keyStore) {
		return List.of("-Dcoordination.node.tls.key-store=" + store(keyStore),
				"-Dcoordination.node.tls.key-store-password=" + PASSWORD,
				"-Dcoordination.node.tls.trust-store=" + store("trust.p12"),
				"-Dcoordination.node.tls.trust-store-password=" + PASSWORD);
	}

	private static String store(String name) {
		return stores.resolve(name).toString();
	}

	private static void keytool(String... arguments) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(arguments));
		command.addAll(List.of("-storepass", PASSWORD));
		if (List.of(arguments).contains("-genkeypair")) {
			command.addAll(List.of("-keypass", PASSWORD));
		}
		Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(keytool.getInputStream().readAllBytes());
		assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(keytool.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
	}

}
