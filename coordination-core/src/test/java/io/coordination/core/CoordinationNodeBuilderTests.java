package io.coordination.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.coordination.core.internal.atomix.MemberAddress;
import io.coordination.core.internal.atomix.NodeSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CoordinationNodeBuilderTests {

	@Test
	void defaultsToASingleNodeVoterWithLocalData() {
		NodeSettings settings = CoordinationNode.builder().settings();
		assertThat(settings.memberId()).isEqualTo("node-1");
		assertThat(settings.voter()).isTrue();
		assertThat(settings.members()).containsExactly(new MemberAddress("node-1", "127.0.0.1", 5679));
		assertThat(settings.dataDirectory()).isEqualTo(Path.of("coordination-data", "node-1"));
		assertThat(settings.bindHost()).isEqualTo("127.0.0.1");
		assertThat(settings.sessionTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(settings.electionTimeout()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void isAVoterWhenItsOwnAddressIsListed() {
		NodeSettings settings = CoordinationNode.builder()
			.host("10.0.0.2")
			.port(5679)
			.members(List.of("10.0.0.1:5679", "10.0.0.2:5679", "10.0.0.3:5679"))
			.insecureMessaging(true)
			.settings();
		assertThat(settings.memberId()).isEqualTo("10.0.0.2:5679");
		assertThat(settings.voter()).isTrue();
	}

	@Test
	void isAClientMemberOtherwise() {
		NodeSettings settings = CoordinationNode.builder()
			.host("10.0.0.9")
			.port(6000)
			.members(List.of("a@10.0.0.1:5679", "b@10.0.0.2:5679", "c@10.0.0.3:5679"))
			.insecureMessaging(true)
			.settings();
		assertThat(settings.memberId()).isEqualTo("client-10.0.0.9-6000");
		assertThat(settings.voter()).isFalse();
	}

	/**
	 * Any process that reached the messaging port used to be able to join as a client member and read or change
	 * everything: beyond loopback, messaging needs TLS or an explicit decision that the network is trusted.
	 */
	@Test
	void refusesPlainMessagingBeyondLoopback() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CoordinationNode.builder()
				.host("10.0.0.2")
				.members(List.of("10.0.0.1:5679", "10.0.0.2:5679", "10.0.0.3:5679"))
				.settings())
			.withMessageContaining("listen on 10.0.0.2, beyond loopback, without TLS")
			.withMessageContaining("coordination.node.insecure-messaging");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CoordinationNode.builder().bindHost("0.0.0.0").settings())
			.withMessageContaining("listen on 0.0.0.0");
		assertThat(CoordinationNode.builder().bindHost("0.0.0.0").insecureMessaging(true).settings().bindHost())
			.isEqualTo("0.0.0.0");
		assertThat(CoordinationNode.builder().host("localhost").settings().bindHost()).isEqualTo("localhost");
	}

	@Test
	void rejectsBadSettingsNamingTheValue() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CoordinationNode.builder().members(List.of("no-port")).settings())
			.withMessageContaining("'no-port' must be host:port or id@host:port");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CoordinationNode.builder().members(List.of("h:99999")).settings())
			.withMessageContaining("between 1 and 65535: 99999");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CoordinationNode.builder().members(List.of("h:x")).settings())
			.withMessageContaining("port that is not a number");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CoordinationNode.builder().members(List.of("a@h:1", "a@h:2")).settings())
			.withMessageContaining("duplicate ids");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CoordinationNode.builder().sessionTimeout(Duration.ofMillis(500)).settings())
			.withMessageContaining("sessionTimeout must be at least 1s: PT0.5S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CoordinationNode.builder().operationTimeout(Duration.ZERO).settings())
			.withMessageContaining("operationTimeout must be positive");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CoordinationNode.builder().heartbeatInterval(Duration.ofSeconds(1)).settings())
			.withMessageContaining("heartbeatInterval (PT1S) must be at most half the electionTimeout (PT1S)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CoordinationNode.builder().port(-1).settings())
			.withMessageContaining("port must be between 0 and 65535: -1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CoordinationNode.builder().maxBatchSize(0).settings())
			.withMessageContaining("maxBatchSize must be between 1 and 10000: 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CoordinationNode.builder()
				.memberId("b")
				.host("h")
				.port(2)
				.members(List.of("a@h:1", "b@h:3"))
				.settings())
			.withMessageContaining("Member 'b' is listed at h:3 but configured with host h and port 2");
	}

	@Test
	void aNodeThatIsNotStartedSaysSo() {
		CoordinationNode node = CoordinationNode.builder().build();
		org.assertj.core.api.Assertions.assertThatIllegalStateException().isThrownBy(node::coordination)
			.withMessageContaining("'node-1' is not started");
	}

}
