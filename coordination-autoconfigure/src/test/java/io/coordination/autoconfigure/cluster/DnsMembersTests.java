package io.coordination.autoconfigure.cluster;

import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.naming.NameNotFoundException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class DnsMembersTests {

	@Test
	void srvRecordsNameEachVoterByItsStableHostName() {
		DnsMembers dns = new DnsMembers(new Fake(List.of(List.of(
				"0 33 5679 coordination-1.coordination.default.svc.cluster.local.",
				"0 33 5679 coordination-0.coordination.default.svc.cluster.local.",
				"0 33 5679 coordination-2.coordination.default.svc.cluster.local.")), List.of()));
		assertThat(dns.resolve("srv:_raft._tcp.coordination.default.svc.cluster.local", 3, Duration.ofSeconds(5)))
			.containsExactly("coordination-0@coordination-0.coordination.default.svc.cluster.local:5679",
					"coordination-1@coordination-1.coordination.default.svc.cluster.local:5679",
					"coordination-2@coordination-2.coordination.default.svc.cluster.local:5679");
	}

	@Test
	void waitsUntilEveryVoterIsPublished() {
		Fake fake = new Fake(List.of(), List.of(List.of("10.0.0.2"), List.of("10.0.0.2", "10.0.0.1"),
				List.of("10.0.0.3", "10.0.0.2", "10.0.0.1")));
		assertThat(new DnsMembers(fake).resolve("coordination:5679", 3, Duration.ofSeconds(30)))
			.containsExactly("10.0.0.1:5679", "10.0.0.2:5679", "10.0.0.3:5679");
		assertThat(fake.lookups.get()).isEqualTo(3);
	}

	@Test
	void givesUpWithAnExplanation() {
		Fake fake = new Fake(List.of(), List.of(List.of("10.0.0.1")));
		assertThatIllegalStateException()
			.isThrownBy(() -> new DnsMembers(fake).resolve("coordination:5679", 3, Duration.ofMillis(1500)))
			.withMessageContaining("did not publish 3 voters")
			.withMessageContaining("1 of 3 voters published")
			.withMessageContaining("publishNotReadyAddresses");
	}

	@Test
	void malformedSpecsAreNamed() {
		DnsMembers dns = new DnsMembers(new Fake(List.of(), List.of()));
		assertThatIllegalArgumentException().isThrownBy(() -> dns.resolve("coordination", 3, Duration.ZERO))
			.withMessageContaining("'coordination'");
		assertThatIllegalArgumentException().isThrownBy(() -> dns.resolve("a:1", 0, Duration.ZERO))
			.withMessageContaining("expected-voters");
	}

	private static final class Fake implements DnsMembers.Resolver {

		private final List<List<String>> srv;

		private final List<List<String>> addresses;

		final AtomicInteger lookups = new AtomicInteger();

		Fake(List<List<String>> srv, List<List<String>> addresses) {
			this.srv = new ArrayList<>(srv);
			this.addresses = new ArrayList<>(addresses);
		}

		@Override
		public List<String> srv(String name) throws NameNotFoundException {
			if (this.srv.isEmpty()) {
				throw new NameNotFoundException(name);
			}
			this.lookups.incrementAndGet();
			return (this.srv.size() > 1) ? this.srv.remove(0) : this.srv.get(0);
		}

		@Override
		public List<String> addresses(String name) throws UnknownHostException {
			if (this.addresses.isEmpty()) {
				throw new UnknownHostException(name);
			}
			this.lookups.incrementAndGet();
			return (this.addresses.size() > 1) ? this.addresses.remove(0) : this.addresses.get(0);
		}

	}

}
