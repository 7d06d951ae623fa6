package io.coordination.testsupport.contract;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.coordination.Coordination;
import io.coordination.election.Candidacy;
import io.coordination.election.LeaderElection;
import io.coordination.election.Leadership;
import io.coordination.election.LeadershipListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * What every implementation's leader elections do.
 */
public abstract class AbstractElectionContractTests extends AbstractContractTests {

	@Test
	void firstCandidateLeadsAndTheNextTakesOverWithAGreaterTerm() {
		String group = name("jobs");
		List<String> granted = new CopyOnWriteArrayList<>();
		List<String> revoked = new CopyOnWriteArrayList<>();
		Candidacy first = client(0).election(group).join("first", Map.of("address", "10.0.0.1"));
		first.addListener(recording(granted, revoked));
		Candidacy second = client(1).election(group).join("second", Map.of());
		second.addListener(recording(granted, revoked));

		Leadership initial = first.awaitLeadership(seconds(10)).orElseThrow();
		assertThat(first.isLeader()).isTrue();
		assertThat(second.isLeader()).isFalse();
		assertThat(client(2).election(group).leader()).contains(initial);
		assertThat(client(2).election(group).info().candidates()).extracting((c) -> c.candidateId())
			.containsExactly("first", "second");
		assertThat(client(2).election(group).info().candidates().get(0).metadata()).containsEntry("address", "10.0.0.1");

		first.close();
		Leadership next = second.awaitLeadership(seconds(10)).orElseThrow();
		assertThat(next.term()).isGreaterThan(initial.term());
		assertThat(next.leaderId()).isEqualTo("second");
		assertThat(first.isLeader()).isFalse();
		await().atMost(seconds(10)).until(() -> granted.size() == 2 && revoked.size() == 1);
		assertThat(granted).containsExactly("first", "second");
		assertThat(revoked).containsExactly("first");
		second.close();
		assertThat(client(2).election(group).leader()).isEmpty();
	}

	@Test
	void observersHearEveryLeaderInTermOrder() throws Exception {
		String group = name("jobs");
		List<Leadership> heard = new CopyOnWriteArrayList<>();
		try (AutoCloseable listening = client(2).election(group).addListener(heard::add)) {
			Candidacy first = client(0).election(group).join("first", Map.of());
			Candidacy second = client(1).election(group).join("second", Map.of());
			first.close();
			await().atMost(seconds(10)).until(() -> heard.size() == 2);
			assertThat(heard).extracting(Leadership::leaderId).containsExactly("first", "second");
			assertThat(heard.get(1).term()).isGreaterThan(heard.get(0).term());
			second.close();
		}
	}

	@Test
	void aLeaderWhoseClientClosesIsReplaced() {
		String group = name("jobs");
		Coordination doomedClient = open();
		LeaderElection election = doomedClient.election(group);
		Candidacy doomed = election.join("doomed", Map.of());
		long term = doomed.awaitLeadership(seconds(10)).orElseThrow().term();
		Candidacy survivor = client(1).election(group).join("survivor", Map.of());
		doomedClient.close();
		assertThat(doomed.isLeader()).isFalse();
		assertThat(survivor.awaitLeadership(seconds(20)).orElseThrow().term()).isGreaterThan(term);
		survivor.close();
	}

	@Test
	void candidateIdsAreUniqueInAGroup() {
		String group = name("jobs");
		try (Candidacy first = client(0).election(group).join("same", Map.of())) {
			assertThatIllegalStateException().isThrownBy(() -> client(1).election(group).join("same", Map.of()))
				.withMessageContaining("'same'");
			assertThat(client(2).election(group).awaitLeader(seconds(10))).isPresent();
		}
	}

	private static LeadershipListener recording(List<String> granted, List<String> revoked) {
		return new LeadershipListener() {

			@Override
			public void granted(Leadership leadership) {
				granted.add(leadership.leaderId());
			}

			@Override
			public void revoked(Leadership leadership) {
				revoked.add(leadership.leaderId());
			}

		};
	}

}
