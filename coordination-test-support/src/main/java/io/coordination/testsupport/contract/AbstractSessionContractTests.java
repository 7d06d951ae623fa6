package io.coordination.testsupport.contract;

import org.junit.jupiter.api.Test;

import io.coordination.session.CoordinationSession;
import io.coordination.session.SessionState;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every implementation's sessions and cluster view show.
 */
public abstract class AbstractSessionContractTests extends AbstractContractTests {

	@Test
	void clientsHaveDistinctLiveSessions() {
		CoordinationSession first = client(0).session();
		CoordinationSession second = client(1).session();
		assertThat(first.id()).isPositive();
		assertThat(second.id()).isPositive().isNotEqualTo(first.id());
		assertThat(first.state()).isEqualTo(SessionState.CONNECTED);
		assertThat(first.timeout()).isPositive();
		assertThat(first.memberId()).isNotBlank();
	}

	@Test
	void clusterViewShowsMembersAndALeader() {
		var cluster = client(0).cluster();
		assertThat(cluster.localMemberId()).isEqualTo(client(0).session().memberId());
		assertThat(cluster.members()).anySatisfy((member) -> assertThat(member.voter()).isTrue());
		assertThat(cluster.partitions()).isNotEmpty()
			.allSatisfy((partition) -> assertThat(partition.leader()).isNotNull());
	}

}
