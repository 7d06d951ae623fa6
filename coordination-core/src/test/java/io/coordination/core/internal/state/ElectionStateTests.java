package io.coordination.core.internal.state;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.coordination.core.internal.protocol.Command;
import io.coordination.core.internal.protocol.ErrorCode;
import io.coordination.core.internal.protocol.Event;
import io.coordination.core.internal.protocol.Query;
import io.coordination.core.internal.protocol.Result;
import io.coordination.election.ElectionInfo;
import io.coordination.election.Leadership;

import static io.coordination.core.internal.state.StateMachineDriver.join;
import static org.assertj.core.api.Assertions.assertThat;

class ElectionStateTests {

	private final StateMachineDriver sm = new StateMachineDriver();

	@BeforeEach
	void openSessions() {
		this.sm.openSessions(4);
	}

	@Test
	void firstCandidateLeadsWithATerm() {
		Leadership leader = joined(this.sm.apply(1, join("jobs", "n1")));
		assertThat(leader.leaderId()).isEqualTo("n1");
		assertThat(leader.owner().member()).isEqualTo("member-1");
		assertThat(leader.term()).isPositive();
		assertThat(joined(this.sm.apply(2, join("jobs", "n2")))).isEqualTo(leader);
		assertThat(info().candidates()).extracting(ElectionInfo.Candidate::candidateId).containsExactly("n1", "n2");
	}

	@Test
	void nextCandidateLeadsWithAGreaterTermWhenTheLeaderLeaves() {
		long first = joined(this.sm.apply(1, join("jobs", "n1"))).term();
		this.sm.apply(2, join("jobs", "n2"));
		this.sm.apply(3, join("jobs", "n3"));
		assertThat(this.sm.apply(1, new Command.Leave("jobs", "n1"))).isEqualTo(Result.DONE);
		Leadership second = info().leader();
		assertThat(second.leaderId()).isEqualTo("n2");
		assertThat(second.term()).isGreaterThan(first);
		assertThat(lastLeader(2)).isEqualTo(second);
		assertThat(lastLeader(3)).isEqualTo(second);
	}

	@Test
	void nextCandidateLeadsWhenTheLeaderSessionExpires() {
		long first = joined(this.sm.apply(1, join("jobs", "n1"))).term();
		this.sm.apply(2, join("jobs", "n2"));
		this.sm.expire(1);
		assertThat(info().leader().leaderId()).isEqualTo("n2");
		assertThat(info().leader().term()).isGreaterThan(first);
	}

	@Test
	void termsKeepIncreasingAcrossAnEmptiedGroup() {
		long first = joined(this.sm.apply(1, join("jobs", "n1"))).term();
		this.sm.apply(1, new Command.Leave("jobs", "n1"));
		assertThat(this.sm.inspect().elections()).isEmpty();
		long second = joined(this.sm.apply(2, join("jobs", "n2"))).term();
		assertThat(second).isGreaterThan(first);
	}

	@Test
	void aFollowerLeavingKeepsTheLeaderAndTerm() {
		Leadership leader = joined(this.sm.apply(1, join("jobs", "n1")));
		this.sm.apply(2, join("jobs", "n2"));
		int eventsBefore = this.sm.events.size();
		this.sm.apply(2, new Command.Leave("jobs", "n2"));
		assertThat(info().leader()).isEqualTo(leader);
		assertThat(this.sm.events).hasSize(eventsBefore);
	}

	@Test
	void candidateIdIsUniqueWithinAGroup() {
		this.sm.apply(1, join("jobs", "n1"));
		assertThat(this.sm.apply(2, join("jobs", "n1"))).isInstanceOfSatisfying(Result.Failed.class,
				(f) -> assertThat(f.code()).isEqualTo(ErrorCode.ALREADY_CANDIDATE));
		assertThat(this.sm.apply(1, join("jobs", "n1"))).isInstanceOf(Result.Joined.class);
	}

	@Test
	void onlyTheOwningSessionCanLeave() {
		this.sm.apply(1, join("jobs", "n1"));
		assertThat(this.sm.apply(2, new Command.Leave("jobs", "n1"))).isEqualTo(Result.UNCHANGED);
		assertThat(info().leader().leaderId()).isEqualTo("n1");
	}

	@Test
	void watchersHearEveryChangeWithoutBeingCandidates() {
		this.sm.apply(4, new Command.Watch("jobs", true));
		this.sm.apply(1, join("jobs", "n1"));
		this.sm.apply(2, join("jobs", "n2"));
		this.sm.apply(1, new Command.Leave("jobs", "n1"));
		this.sm.apply(2, new Command.Leave("jobs", "n2"));
		List<Event.LeaderChanged> changes = this.sm.eventsOf(4, Event.LeaderChanged.class);
		assertThat(changes).extracting((c) -> (c.leader() != null) ? c.leader().leaderId() : null)
			.containsExactly("n1", "n2", null);
		assertThat(this.sm.inspect().elections()).isEmpty();
		this.sm.apply(4, new Command.Watch("jobs", false));
		this.sm.apply(1, join("jobs", "n1"));
		assertThat(this.sm.eventsOf(4, Event.LeaderChanged.class)).hasSize(3);
	}

	@Test
	void metadataIsPublishedAndValidated() {
		this.sm.apply(1, new Command.Join("jobs", "n1", "main", Map.of("address", "10.0.0.1:8080")));
		assertThat(info().candidates().get(0).metadata()).containsEntry("address", "10.0.0.1:8080");
		Result bad = this.sm.apply(2, new Command.Join("jobs", "n2", "main", Map.of("k", "v".repeat(5000))));
		assertThat(bad).isInstanceOfSatisfying(Result.Failed.class,
				(f) -> assertThat(f.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
		assertThat(info().candidates()).hasSize(1);
	}

	private Leadership lastLeader(long session) {
		List<Event.LeaderChanged> changes = this.sm.eventsOf(session, Event.LeaderChanged.class);
		return changes.get(changes.size() - 1).leader();
	}

	private static Leadership joined(Result result) {
		assertThat(result).isInstanceOf(Result.Joined.class);
		return ((Result.Joined) result).leader();
	}

	private ElectionInfo info() {
		return (ElectionInfo) this.sm.query(new Query.DescribeElection("jobs"));
	}

}
