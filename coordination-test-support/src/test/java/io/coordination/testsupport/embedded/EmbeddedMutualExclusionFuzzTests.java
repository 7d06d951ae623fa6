package io.coordination.testsupport.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.coordination.Coordination;
import io.coordination.testsupport.fuzz.MutualExclusionFuzzer;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedMutualExclusionFuzzTests {

	@RegisterExtension
	static final SharedCluster cluster = new SharedCluster();

	@Test
	void manyClientsNeverHoldALockTogetherAndTokensOnlyIncrease() {
		List<Coordination> extra = new ArrayList<>();
		try {
			List<Coordination> clients = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				clients.add(cluster.client(i));
				Coordination opened = cluster.open();
				extra.add(opened);
				clients.add(opened);
			}
			MutualExclusionFuzzer.Report report = new MutualExclusionFuzzer(clients, 4,
					List.of("fuzz-a", "fuzz-b", "fuzz-c")).run(Duration.ofSeconds(15));
			LoggerFactory.getLogger(getClass()).info("Fuzz: {} critical sections, {} timed-out acquisitions",
					report.grants(), report.misses());
			assertThat(report.violations()).isEmpty();
			assertThat(report.grants()).as("critical sections entered").isGreaterThan(100);
		}
		finally {
			extra.forEach(Coordination::close);
		}
	}

}
