package io.coordination.core.internal.state;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.coordination.LostReason;
import io.coordination.core.internal.protocol.Command;
import io.coordination.core.internal.protocol.ErrorCode;
import io.coordination.core.internal.protocol.Event;
import io.coordination.core.internal.protocol.Query;
import io.coordination.core.internal.protocol.ResourceType;
import io.coordination.core.internal.protocol.Result;
import io.coordination.fencing.FencingTokens;
import io.coordination.lock.LockInfo;
import io.coordination.lock.LockMode;

import static io.coordination.core.internal.state.StateMachineDriver.unlock;
import static org.assertj.core.api.Assertions.assertThat;

class LockStateTests {

	private final StateMachineDriver sm = new StateMachineDriver();

	@BeforeEach
	void openSessions() {
		this.sm.openSessions(3);
	}

	@Test
	void grantsAFreeLockWithTheRaftIndexAsToken() {
		Result result = this.sm.apply(1, this.sm.lock(1, "orders", "t1", 0));
		assertThat(result).isInstanceOf(Result.Granted.class);
		Result.Granted granted = (Result.Granted) result;
		assertThat(FencingTokens.raftIndex(granted.token())).isEqualTo(this.sm.index);
		assertThat(FencingTokens.ordinal(granted.token())).isZero();
		assertThat(granted.holdCount()).isEqualTo(1);
		assertThat(granted.grantedAt()).isEqualTo(this.sm.now);
	}

	@Test
	void answersBusyWithoutWaitingAndChangesNothing() {
		this.sm.apply(1, this.sm.lock(1, "orders", "t1", 0));
		LockInfo before = lockInfo("orders");
		assertThat(this.sm.apply(2, this.sm.lock(2, "orders", "t1", 0))).isInstanceOf(Result.Busy.class);
		assertThat(lockInfo("orders")).isEqualTo(before);
	}

	@Test
	void grantsWaitersInArrivalOrderWithIncreasingTokens() {
		long t0 = token(this.sm.apply(1, this.sm.lock(1, "orders", "a", 0)));
		assertThat(this.sm.apply(2, this.sm.lock(2, "orders", "b", -1))).isInstanceOf(Result.Queued.class);
		assertThat(this.sm.apply(3, this.sm.lock(3, "orders", "c", -1))).isInstanceOf(Result.Queued.class);
		assertThat(lockInfo("orders").waiters()).extracting((w) -> w.owner().id()).containsExactly("b", "c");

		this.sm.apply(1, unlock("orders", "a", t0));
		Result.Granted b = this.sm.grantOf(2, 2);
		assertThat(b).isNotNull();
		assertThat(this.sm.grantOf(3, 3)).isNull();
		this.sm.apply(2, unlock("orders", "b", b.token()));
		Result.Granted c = this.sm.grantOf(3, 3);
		assertThat(c).isNotNull();
		assertThat(t0).isLessThan(b.token());
		assertThat(b.token()).isLessThan(c.token());
	}

	@Test
	void tokensIncreaseWhenAWaiterIsGrantedAfterTheHolderSessionExpires() {
		// The case where Atomix's AtomicLock goes backwards: Z holds, A and B wait, Z unlocks, A's session closes.
		long z = token(this.sm.apply(1, this.sm.lock(1, "orders", "z", 0)));
		this.sm.apply(2, this.sm.lock(2, "orders", "a", -1));
		this.sm.apply(3, this.sm.lock(3, "orders", "b", -1));
		this.sm.apply(1, unlock("orders", "z", z));
		long a = this.sm.grantOf(2, 2).token();
		this.sm.expire(2);
		long b = this.sm.grantOf(3, 3).token();
		assertThat(z).isLessThan(a);
		assertThat(a).isLessThan(b);
		assertThat(FencingTokens.raftIndex(b)).isEqualTo(this.sm.index);
	}

	@Test
	void tokensIncreaseWhenTheHolderSessionExpiresWithWaitersQueuedEarlier() {
		long z = token(this.sm.apply(1, this.sm.lock(1, "orders", "z", 0)));
		this.sm.apply(2, this.sm.lock(2, "orders", "a", -1));
		this.sm.apply(3, this.sm.lock(3, "orders", "b", -1));
		this.sm.expire(1);
		long a = this.sm.grantOf(2, 2).token();
		this.sm.expire(2);
		long b = this.sm.grantOf(3, 3).token();
		assertThat(a).isGreaterThan(z);
		assertThat(b).isGreaterThan(a);
		// a waiter's token is the index of its grant, not of its request
		assertThat(FencingTokens.raftIndex(a)).isGreaterThan(FencingTokens.raftIndex(z) + 2);
	}

	@Test
	void batchedGrantsAtOneIndexGetDistinctIncreasingTokens() {
		List<Result> results = this.sm.applyBatch(1, this.sm.lock(1, "x", "a", 0), unlock("x", "a", 0),
				this.sm.lock(2, "y", "a", 0), this.sm.lock(3, "z", "a", 0));
		long x = token(results.get(0));
		this.sm.applyBatch(1, unlock("x", "a", x), this.sm.lock(4, "x", "b", 0));
		List<Result> second = this.sm.applyBatch(2, this.sm.lock(5, "q", "c", 0), this.sm.lock(6, "x", "c", -1));
		assertThat(token(results.get(2))).isEqualTo(x + 1);
		assertThat(token(results.get(3))).isEqualTo(x + 2);
		assertThat(second.get(1)).isInstanceOf(Result.Queued.class);
		assertThat(FencingTokens.ordinal(token(second.get(0)))).isZero();
	}

	@Test
	void sameIndexReleaseAndRegrantOfOneLockYieldsIncreasingTokens() {
		this.sm.index = 41;
		List<Result> results = this.sm.applyBatch(1, this.sm.lock(1, "x", "a", 0));
		long first = token(results.get(0));
		List<Result> batch = this.sm.applyBatch(1, unlock("x", "a", first), this.sm.lock(2, "x", "b", 0),
				unlock("x", "b", 0), this.sm.lock(3, "x", "c", 0));
		long b = token(batch.get(1));
		this.sm.apply(1, unlock("x", "b", b));
		assertThat(b).isGreaterThan(first);
		assertThat(batch.get(3)).isInstanceOf(Result.Busy.class);
	}

	@Test
	void reentrantAcquisitionKeepsTheTokenAndCountsHolds() {
		long token = token(this.sm.apply(1, this.sm.lock(1, "orders", "t1", 0)));
		Result again = this.sm.apply(1, this.sm.lock(2, "orders", "t1", 0));
		assertThat(again).isEqualTo(new Result.Granted(token, this.sm.now, 2));
		this.sm.apply(1, unlock("orders", "t1", token));
		assertThat(lockInfo("orders").holders()).singleElement().satisfies((h) -> assertThat(h.holdCount()).isOne());
		this.sm.apply(1, unlock("orders", "t1", token));
		assertThat(lockInfo("orders").isLocked()).isFalse();
	}

	@Test
	void anotherOwnerInTheSameSessionWaits() {
		this.sm.apply(1, this.sm.lock(1, "orders", "thread-1", 0));
		assertThat(this.sm.apply(1, this.sm.lock(2, "orders", "thread-2", 0))).isInstanceOf(Result.Busy.class);
	}

	@Test
	void releaseWithAStaleTokenChangesNothing() {
		long token = token(this.sm.apply(1, this.sm.lock(1, "orders", "t1", 0)));
		assertThat(this.sm.apply(1, unlock("orders", "t1", token - 1))).isEqualTo(Result.UNCHANGED);
		assertThat(this.sm.apply(2, unlock("orders", "t1", token))).isEqualTo(Result.UNCHANGED);
		assertThat(lockInfo("orders").isLocked()).isTrue();
	}

	@Test
	void leaseTimeReleasesOnLogTimeAndTellsTheHolder() {
		long token = token(this.sm.apply(1, this.sm.lease(1, "orders", "a", 5_000, 0)));
		this.sm.apply(2, this.sm.lock(2, "orders", "b", -1));
		this.sm.advance(4_999);
		assertThat(this.sm.grantOf(2, 2)).isNull();
		this.sm.advance(1);
		assertThat(this.sm.eventsOf(1, Event.LeaseLost.class)).containsExactly(new Event.LeaseLost(ResourceType.LOCK,
				"orders", "a", LockMode.EXCLUSIVE, token, LostReason.LEASE_EXPIRED));
		assertThat(this.sm.grantOf(2, 2).token()).isGreaterThan(token);
	}

	@Test
	void registeringASessionDoesNotMoveTime() {
		// Raft re-registers the sessions of a snapshot it installs before restoring it: nothing may fire then.
		this.sm.apply(1, this.sm.lease(1, "orders", "a", 1_000, 0));
		this.sm.now += 5_000;
		this.sm.machine.openSession(9, "late");
		assertThat(lockInfo("orders").isLocked()).isTrue();
		assertThat(this.sm.machine.drainEvents()).isEmpty();
		this.sm.advance(0);
		assertThat(lockInfo("orders").isLocked()).isFalse();
	}

	@Test
	void releasedLeaseDoesNotExpireLater() {
		long token = token(this.sm.apply(1, this.sm.lease(1, "orders", "a", 5_000, 0)));
		this.sm.apply(1, unlock("orders", "a", token));
		long next = token(this.sm.apply(2, this.sm.lock(2, "orders", "b", 0)));
		this.sm.advance(10_000);
		assertThat(this.sm.eventsOf(1)).isEmpty();
		assertThat(this.sm.eventsOf(2)).isEmpty();
		assertThat(lockInfo("orders").holders()).singleElement()
			.satisfies((h) -> assertThat(h.fencingToken()).isEqualTo(next));
	}

	@Test
	void waitLimitElapsesOnLogTime() {
		this.sm.apply(1, this.sm.lock(1, "orders", "a", 0));
		this.sm.apply(2, this.sm.lock(2, "orders", "b", 3_000));
		this.sm.advance(3_000);
		Result completion = this.sm.completionOf(2, 2);
		assertThat(completion).isInstanceOfSatisfying(Result.Failed.class,
				(f) -> assertThat(f.code()).isEqualTo(ErrorCode.TIMED_OUT));
		assertThat(lockInfo("orders").waiters()).isEmpty();
	}

	@Test
	void cancelWithdrawsAWaiter() {
		long a = token(this.sm.apply(1, this.sm.lock(1, "orders", "a", 0)));
		this.sm.apply(2, this.sm.lock(2, "orders", "b", -1));
		assertThat(this.sm.apply(2, new Command.Cancel(2))).isEqualTo(Result.DONE);
		assertThat(this.sm.apply(2, new Command.Cancel(2))).isEqualTo(Result.UNCHANGED);
		this.sm.apply(1, unlock("orders", "a", a));
		assertThat(this.sm.eventsOf(2)).isEmpty();
		assertThat(this.sm.inspect().locks()).isEmpty();
	}

	@Test
	void duplicateRequestIdIsRefused() {
		this.sm.apply(1, this.sm.lock(1, "orders", "a", 0));
		this.sm.apply(2, this.sm.lock(7, "orders", "b", -1));
		Result duplicate = this.sm.apply(2, this.sm.lock(7, "other", "b", -1));
		assertThat(duplicate).isInstanceOfSatisfying(Result.Failed.class,
				(f) -> assertThat(f.code()).isEqualTo(ErrorCode.DUPLICATE_REQUEST));
	}

	@Test
	void forcedReleaseTellsTheHolderAndGrantsTheNextWaiter() {
		long a = token(this.sm.apply(1, this.sm.lock(1, "orders", "a", 0)));
		this.sm.apply(2, this.sm.lock(2, "orders", "b", -1));
		assertThat(this.sm.apply(3, new Command.ForceRelease(ResourceType.LOCK, "orders"))).isEqualTo(Result.DONE);
		assertThat(this.sm.eventsOf(1, Event.LeaseLost.class)).singleElement()
			.satisfies((lost) -> assertThat(lost.reason()).isEqualTo(LostReason.FORCED_RELEASE));
		assertThat(this.sm.grantOf(2, 2).token()).isGreaterThan(a);
		assertThat(this.sm.apply(3, new Command.ForceRelease(ResourceType.LOCK, "none"))).isEqualTo(Result.UNCHANGED);
	}

	@Test
	void aForcedReleaseByTokenSparesALaterHolder() {
		long a = token(this.sm.apply(1, this.sm.lock(1, "orders", "a", 0)));
		this.sm.apply(2, this.sm.lock(2, "orders", "b", -1));
		assertThat(this.sm.apply(3, new Command.ForceRelease(ResourceType.LOCK, "orders", a))).isEqualTo(Result.DONE);
		long b = this.sm.grantOf(2, 2).token();
		// an operator who saw token a acts again: the lock changed hands meanwhile, and the new holder keeps it
		assertThat(this.sm.apply(4, new Command.ForceRelease(ResourceType.LOCK, "orders", a)))
			.isEqualTo(Result.UNCHANGED);
		assertThat(this.sm.eventsOf(2, Event.LeaseLost.class)).isEmpty();
		assertThat(this.sm.apply(5, new Command.ForceRelease(ResourceType.LOCK, "orders", b))).isEqualTo(Result.DONE);
	}

	@Test
	void sessionExpiryReleasesEverythingAndSendsNothingToTheDeadSession() {
		this.sm.apply(1, this.sm.lock(1, "a", "t", 0));
		this.sm.apply(1, this.sm.lock(2, "b", "t", 0));
		this.sm.apply(2, this.sm.lock(3, "c", "t", 0));
		this.sm.apply(1, this.sm.lock(4, "c", "t", -1));
		this.sm.apply(3, this.sm.lock(5, "a", "u", -1));
		this.sm.expire(1);
		assertThat(this.sm.grantOf(3, 5)).isNotNull();
		assertThat(this.sm.eventsOf(1)).isEmpty();
		assertThat(this.sm.inspect().locks()).extracting(LockInfo::name).containsExactly("a", "c");
		assertThat(lockInfo("c").waiters()).isEmpty();
	}

	@Test
	void isHeldAnswersForCurrentTokensOnly() {
		long a = token(this.sm.apply(1, this.sm.lock(1, "orders", "a", 0)));
		assertThat(this.sm.query(new Query.IsHeld(ResourceType.LOCK, "orders", a))).isEqualTo(true);
		this.sm.apply(1, unlock("orders", "a", a));
		assertThat(this.sm.query(new Query.IsHeld(ResourceType.LOCK, "orders", a))).isEqualTo(false);
	}

	@Test
	void invalidInputIsRefusedWithoutChangingState() {
		this.sm.apply(1, this.sm.lock(1, "orders", "a", 0));
		var before = this.sm.inspect();
		String tooLong = "x".repeat(257);
		assertInvalid(this.sm.lock(2, "", "a", 0), "lock name must not be empty");
		assertInvalid(this.sm.lock(3, tooLong, "a", 0), "257 characters");
		assertInvalid(this.sm.lock(4, "bad\nname", "a", 0), "control characters");
		assertInvalid(this.sm.lease(5, "orders", "a", -1, 0), "lease time must not be negative: -1 ms");
		assertInvalid(this.sm.lock(6, "orders", "a", -5), "wait time must not be negative");
		assertInvalid(StateMachineDriver.acquire(7, ResourceType.LOCK, "orders", "a", LockMode.READ, 1, 0, 0, 0,
				false), "Mode READ does not apply to a lock");
		assertInvalid(StateMachineDriver.acquire(8, null, "orders", "a", LockMode.READ, 1, 0, 0, 0, false),
				"type must not be null");
		assertThat(this.sm.inspect()).isEqualTo(before);
	}

	private void assertInvalid(Command command, String message) {
		assertThat(this.sm.apply(2, command)).isInstanceOfSatisfying(Result.Failed.class, (f) -> {
			assertThat(f.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
			assertThat(f.message()).contains(message);
		});
	}

	private LockInfo lockInfo(String name) {
		return (LockInfo) this.sm.query(new Query.DescribeLock(ResourceType.LOCK, name));
	}

	static long token(Result result) {
		assertThat(result).isInstanceOf(Result.Granted.class);
		return ((Result.Granted) result).token();
	}

}
