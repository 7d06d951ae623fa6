package io.coordination.core.internal.state;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.coordination.core.internal.protocol.Command;
import io.coordination.core.internal.protocol.ErrorCode;
import io.coordination.core.internal.protocol.Query;
import io.coordination.core.internal.protocol.ResourceType;
import io.coordination.core.internal.protocol.Result;
import io.coordination.lock.LockMode;
import io.coordination.semaphore.SemaphoreInfo;

import static io.coordination.core.internal.state.LockStateTests.token;
import static org.assertj.core.api.Assertions.assertThat;

class SemaphoreStateTests {

	private final StateMachineDriver sm = new StateMachineDriver();

	@BeforeEach
	void openSessions() {
		this.sm.openSessions(3);
	}

	@Test
	void countsPermitsOnTheServer() {
		assertThat(this.sm.apply(1, this.sm.permits(1, "pool", "a", 2, 3, 0))).isInstanceOf(Result.Granted.class);
		assertThat(this.sm.apply(2, this.sm.permits(2, "pool", "b", 1, 3, 0))).isInstanceOf(Result.Granted.class);
		assertThat(this.sm.apply(3, this.sm.permits(3, "pool", "c", 1, 3, 0))).isInstanceOf(Result.Busy.class);
		assertThat(info().available()).isZero();
		assertThat(info().holders()).hasSize(2);
	}

	@Test
	void refusesAMismatchedPermitCount() {
		this.sm.apply(1, this.sm.permits(1, "pool", "a", 1, 3, 0));
		Result result = this.sm.apply(2, this.sm.permits(2, "pool", "b", 1, 5, 0));
		assertThat(result).isInstanceOfSatisfying(Result.Failed.class, (f) -> {
			assertThat(f.code()).isEqualTo(ErrorCode.PERMIT_COUNT_MISMATCH);
			assertThat(f.expected()).isEqualTo(5);
			assertThat(f.actual()).isEqualTo(3);
		});
	}

	@Test
	void servesWaitersInOrderWithoutLettingSmallRequestsOvertake() {
		long a = token(this.sm.apply(1, this.sm.permits(1, "pool", "a", 2, 3, 0)));
		this.sm.apply(2, this.sm.permits(2, "pool", "b", 2, 3, -1));
		assertThat(this.sm.apply(3, this.sm.permits(3, "pool", "c", 1, 3, -1))).isInstanceOf(Result.Queued.class);
		this.sm.apply(1, release("a", a));
		long b = this.sm.grantOf(2, 2).token();
		long c = this.sm.grantOf(3, 3).token();
		assertThat(b).isGreaterThan(a);
		assertThat(c).isGreaterThan(b);
	}

	@Test
	void eachGrantIsItsOwnLeaseEvenForTheSameOwner() {
		long first = token(this.sm.apply(1, this.sm.permits(1, "pool", "a", 1, 3, 0)));
		long second = token(this.sm.apply(1, this.sm.permits(2, "pool", "a", 1, 3, 0)));
		assertThat(second).isGreaterThan(first);
		this.sm.apply(1, release("a", first));
		assertThat(info().available()).isEqualTo(2);
		assertThat(info().holders()).extracting(SemaphoreInfo.Holder::fencingToken).containsExactly(second);
	}

	@Test
	void sessionExpiryReturnsPermits() {
		this.sm.apply(1, this.sm.permits(1, "pool", "a", 3, 3, 0));
		this.sm.apply(2, this.sm.permits(2, "pool", "b", 1, 3, -1));
		this.sm.expire(1);
		assertThat(this.sm.grantOf(2, 2)).isNotNull();
		assertThat(info().available()).isEqualTo(2);
	}

	@Test
	void refusesMorePermitsThanTheTotal() {
		assertThat(this.sm.apply(1, this.sm.permits(1, "pool", "a", 4, 3, 0))).isInstanceOfSatisfying(
				Result.Failed.class, (f) -> assertThat(f.message()).contains("Cannot acquire 4 permits"));
		assertThat(this.sm.apply(1, this.sm.permits(1, "pool", "a", 0, 3, 0))).isInstanceOfSatisfying(
				Result.Failed.class, (f) -> assertThat(f.message()).contains("permits must be at least 1: 0"));
		assertThat(this.sm.inspect().semaphores()).isEmpty();
	}

	@Test
	void anUnusedSemaphoreReportsTheAskedTotal() {
		assertThat(this.sm.query(new Query.DescribeSemaphore("idle", 4)))
			.isEqualTo(new SemaphoreInfo("idle", 4, 4, java.util.List.of(), java.util.List.of()));
	}

	private static Command.Release release(String owner, long token) {
		return new Command.Release(ResourceType.SEMAPHORE, "pool", owner, LockMode.EXCLUSIVE, token);
	}

	private SemaphoreInfo info() {
		return (SemaphoreInfo) this.sm.query(new Query.DescribeSemaphore("pool", 3));
	}

}
