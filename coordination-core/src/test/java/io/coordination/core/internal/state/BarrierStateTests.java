package io.coordination.core.internal.state;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.coordination.barrier.BarrierInfo;
import io.coordination.core.internal.protocol.Command;
import io.coordination.core.internal.protocol.ErrorCode;
import io.coordination.core.internal.protocol.Query;
import io.coordination.core.internal.protocol.Result;

import static org.assertj.core.api.Assertions.assertThat;

class BarrierStateTests {

	private final StateMachineDriver sm = new StateMachineDriver();

	@BeforeEach
	void openSessions() {
		this.sm.openSessions(3);
	}

	@Test
	void tripsWhenAllPartiesArrive() {
		assertThat(this.sm.apply(1, await(1, "a"))).isInstanceOf(Result.Queued.class);
		assertThat(this.sm.apply(2, await(2, "b"))).isInstanceOf(Result.Queued.class);
		Result last = this.sm.apply(3, await(3, "c"));
		assertThat(last).isInstanceOf(Result.Tripped.class);
		assertThat(this.sm.completionOf(1, 1)).isEqualTo(last);
		assertThat(this.sm.completionOf(2, 2)).isEqualTo(last);
		assertThat(this.sm.inspect().barriers()).isEmpty();
	}

	@Test
	void aWithdrawnOrExpiredPartyDoesNotCount() {
		this.sm.apply(1, await(1, "a"));
		this.sm.apply(2, await(2, "b"));
		this.sm.apply(1, new Command.Cancel(1));
		this.sm.expire(2);
		assertThat(this.sm.apply(3, await(3, "c"))).isInstanceOf(Result.Queued.class);
		assertThat(barrier().participants()).extracting((o) -> o.id()).containsExactly("c");
	}

	@Test
	void refusesAnotherPartyCountWhileInUse() {
		this.sm.apply(1, await(1, "a"));
		Result result = this.sm.apply(2, new Command.AwaitBarrier(2, "start", "b", 4));
		assertThat(result).isInstanceOfSatisfying(Result.Failed.class, (f) -> {
			assertThat(f.code()).isEqualTo(ErrorCode.PARTIES_MISMATCH);
			assertThat(f.actual()).isEqualTo(3);
		});
	}

	@Test
	void doubleBarrierEntersTogetherAndLeavesTogether() {
		assertThat(this.sm.apply(1, enter(1, "a"))).isInstanceOf(Result.Queued.class);
		assertThat(this.sm.apply(2, enter(2, "b"))).isInstanceOf(Result.Queued.class);
		assertThat(this.sm.apply(3, enter(3, "c"))).isInstanceOf(Result.Tripped.class);
		assertThat(this.sm.completionOf(1, 1)).isInstanceOf(Result.Tripped.class);
		assertThat(this.sm.completionOf(2, 2)).isInstanceOf(Result.Tripped.class);

		assertThat(this.sm.apply(1, leave(4, "a"))).isInstanceOf(Result.Queued.class);
		assertThat(this.sm.apply(2, leave(5, "b"))).isInstanceOf(Result.Queued.class);
		assertThat(this.sm.completionOf(1, 4)).isNull();
		assertThat(this.sm.apply(3, leave(6, "c"))).isInstanceOf(Result.Tripped.class);
		assertThat(this.sm.completionOf(1, 4)).isInstanceOf(Result.Tripped.class);
		assertThat(this.sm.completionOf(2, 5)).isInstanceOf(Result.Tripped.class);
		assertThat(this.sm.inspect().barriers()).isEmpty();
	}

	@Test
	void anExpiredParticipantCountsAsHavingLeft() {
		this.sm.apply(1, enter(1, "a"));
		this.sm.apply(2, enter(2, "b"));
		this.sm.apply(3, enter(3, "c"));
		this.sm.apply(1, leave(4, "a"));
		this.sm.apply(2, leave(5, "b"));
		this.sm.expire(3);
		assertThat(this.sm.completionOf(1, 4)).isInstanceOf(Result.Tripped.class);
		assertThat(this.sm.completionOf(2, 5)).isInstanceOf(Result.Tripped.class);
	}

	@Test
	void leavingWithoutEnteringIsRefused() {
		assertThat(this.sm.apply(1, leave(1, "a"))).isInstanceOfSatisfying(Result.Failed.class,
				(f) -> assertThat(f.code()).isEqualTo(ErrorCode.NOT_ENTERED));
	}

	private static Command.AwaitBarrier await(long requestId, String owner) {
		return new Command.AwaitBarrier(requestId, "start", owner, 3);
	}

	private static Command.EnterDoubleBarrier enter(long requestId, String owner) {
		return new Command.EnterDoubleBarrier(requestId, "round", owner, 3);
	}

	private static Command.LeaveDoubleBarrier leave(long requestId, String owner) {
		return new Command.LeaveDoubleBarrier(requestId, "round", owner);
	}

	private BarrierInfo barrier() {
		return (BarrierInfo) this.sm.query(new Query.DescribeBarrier("start", BarrierInfo.Type.CYCLIC, 3));
	}

}
