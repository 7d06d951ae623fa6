package io.coordination.core.internal.state;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.coordination.core.internal.protocol.Command;
import io.coordination.core.internal.protocol.ErrorCode;
import io.coordination.core.internal.protocol.ResourceType;
import io.coordination.core.internal.protocol.Result;
import io.coordination.lock.DeadlockReport;
import io.coordination.lock.LockMode;

import static io.coordination.core.internal.state.StateMachineDriver.acquire;
import static org.assertj.core.api.Assertions.assertThat;

class DeadlockDetectionTests {

	private final StateMachineDriver sm = new StateMachineDriver();

	@BeforeEach
	void openSessions() {
		this.sm.openSessions(3);
	}

	@Test
	void failsTheWaiterThatClosesATwoPartyCycle() {
		this.sm.apply(1, lock(1, "A", "a", false));
		this.sm.apply(2, lock(2, "B", "b", false));
		assertThat(this.sm.apply(1, lock(3, "B", "a", true))).isInstanceOf(Result.Queued.class);
		Result result = this.sm.apply(2, lock(4, "A", "b", true));
		assertThat(result).isInstanceOfSatisfying(Result.Failed.class, (failed) -> {
			assertThat(failed.code()).isEqualTo(ErrorCode.DEADLOCK);
			DeadlockReport report = failed.deadlock();
			assertThat(report.cycle()).extracting((e) -> e.waiter().id() + "->" + e.lock() + "->" + e.holder().id())
				.containsExactly("b->A->a", "a->B->b");
			assertThat(report.victim().id()).isEqualTo("b");
			assertThat(failed.message()).contains("b@member-2/2 waits for lock 'A' held by a@member-1/1");
		});
		assertThat(this.sm.inspect().deadlocks()).hasSize(1);
		assertThat(this.sm.inspect().locks()).filteredOn((l) -> l.name().equals("A"))
			.singleElement()
			.satisfies((l) -> assertThat(l.waiters()).isEmpty());
	}

	@Test
	void reportsWithoutFailingWhenNotConfigured() {
		this.sm.apply(1, lock(1, "A", "a", false));
		this.sm.apply(2, lock(2, "B", "b", false));
		this.sm.apply(1, lock(3, "B", "a", false));
		assertThat(this.sm.apply(2, lock(4, "A", "b", false))).isInstanceOf(Result.Queued.class);
		assertThat(this.sm.inspect().deadlocks()).singleElement()
			.satisfies((report) -> assertThat(report.victim()).isNull());
	}

	@Test
	void findsLongerCyclesAcrossLockKinds() {
		this.sm.apply(1, lock(1, "A", "a", false));
		this.sm.apply(2, this.sm.rw(2, "B", "b", LockMode.WRITE, 0));
		this.sm.apply(3, lock(3, "C", "c", false));
		this.sm.apply(1, this.sm.rw(4, "B", "a", LockMode.READ, -1));
		this.sm.apply(2, lock(5, "C", "b", false));
		Result result = this.sm.apply(3, lock(6, "A", "c", true));
		assertThat(result).isInstanceOfSatisfying(Result.Failed.class,
				(failed) -> assertThat(failed.deadlock().cycle()).hasSize(3));
	}

	@Test
	void doesNotReportWaitsWithoutACycle() {
		this.sm.apply(1, lock(1, "A", "a", false));
		this.sm.apply(2, lock(2, "A", "b", true));
		this.sm.apply(3, lock(3, "A", "c", true));
		assertThat(this.sm.inspect().deadlocks()).isEmpty();
	}

	@Test
	void detectsCyclesBetweenOwnersOfOneSession() {
		this.sm.apply(1, lock(1, "A", "thread-1", false));
		this.sm.apply(1, lock(2, "B", "thread-2", false));
		this.sm.apply(1, lock(3, "B", "thread-1", true));
		assertThat(this.sm.apply(1, lock(4, "A", "thread-2", true))).isInstanceOf(Result.Failed.class);
	}

	private static Command.Acquire lock(long requestId, String name, String owner, boolean failOnDeadlock) {
		return acquire(requestId, ResourceType.LOCK, name, owner, LockMode.EXCLUSIVE, 1, 0, 0, -1, failOnDeadlock);
	}

}
