package io.coordination.core.internal.state;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.coordination.core.internal.protocol.Command;
import io.coordination.core.internal.protocol.ErrorCode;
import io.coordination.core.internal.protocol.Query;
import io.coordination.core.internal.protocol.ResourceType;
import io.coordination.core.internal.protocol.Result;
import io.coordination.lock.LockInfo;
import io.coordination.lock.LockMode;

import static io.coordination.core.internal.state.LockStateTests.token;
import static org.assertj.core.api.Assertions.assertThat;

class ReadWriteLockStateTests {

	private final StateMachineDriver sm = new StateMachineDriver();

	@BeforeEach
	void openSessions() {
		this.sm.openSessions(4);
	}

	@Test
	void readersShareTheLock() {
		assertThat(this.sm.apply(1, read(1, "r1", 0))).isInstanceOf(Result.Granted.class);
		assertThat(this.sm.apply(2, read(2, "r2", 0))).isInstanceOf(Result.Granted.class);
		assertThat(info().holders()).hasSize(2);
	}

	@Test
	void writerExcludesReadersAndWriters() {
		this.sm.apply(1, write(1, "w", 0));
		assertThat(this.sm.apply(2, read(2, "r", 0))).isInstanceOf(Result.Busy.class);
		assertThat(this.sm.apply(2, write(3, "w2", 0))).isInstanceOf(Result.Busy.class);
	}

	@Test
	void waitingWriterIsPreferredOverNewReaders() {
		long r1 = token(this.sm.apply(1, read(1, "r1", 0)));
		assertThat(this.sm.apply(2, write(2, "w", -1))).isInstanceOf(Result.Queued.class);
		assertThat(this.sm.apply(3, read(3, "r2", 0))).isInstanceOf(Result.Busy.class);
		assertThat(this.sm.apply(3, read(4, "r2", -1))).isInstanceOf(Result.Queued.class);

		this.sm.apply(1, release("r1", LockMode.READ, r1));
		long w = this.sm.grantOf(2, 2).token();
		assertThat(w).isGreaterThan(r1);
		assertThat(this.sm.grantOf(3, 4)).isNull();
		this.sm.apply(2, release("w", LockMode.WRITE, w));
		assertThat(this.sm.grantOf(3, 4).token()).isGreaterThan(w);
	}

	@Test
	void readersQueuedBehindAWriterAreGrantedTogether() {
		long w = token(this.sm.apply(1, write(1, "w", 0)));
		this.sm.apply(2, read(2, "r1", -1));
		this.sm.apply(3, read(3, "r2", -1));
		this.sm.apply(4, write(4, "w2", -1));
		this.sm.apply(1, release("w", LockMode.WRITE, w));
		assertThat(this.sm.grantOf(2, 2)).isNotNull();
		assertThat(this.sm.grantOf(3, 3)).isNotNull();
		assertThat(this.sm.grantOf(4, 4)).isNull();
		assertThat(info().waiters()).singleElement().satisfies((waiter) -> assertThat(waiter.mode()).isEqualTo(LockMode.WRITE));
	}

	@Test
	void writeTokenIsGreaterThanEveryEarlierReadToken() {
		long r1 = token(this.sm.apply(1, read(1, "r1", 0)));
		long r2 = token(this.sm.apply(2, read(2, "r2", 0)));
		this.sm.apply(3, write(3, "w", -1));
		this.sm.apply(1, release("r1", LockMode.READ, r1));
		this.sm.expire(2);
		assertThat(this.sm.grantOf(3, 3).token()).isGreaterThan(r1).isGreaterThan(r2);
	}

	@Test
	void writeHolderMayAlsoRead() {
		long w = token(this.sm.apply(1, write(1, "t", 0)));
		this.sm.apply(2, write(2, "other", -1));
		Result read = this.sm.apply(1, read(3, "t", 0));
		assertThat(token(read)).isGreaterThan(w);
		assertThat(info().holders()).extracting((h) -> h.mode()).containsExactly(LockMode.WRITE, LockMode.READ);
	}

	@Test
	void readHolderCannotUpgrade() {
		this.sm.apply(1, read(1, "t", 0));
		assertThat(this.sm.apply(1, write(2, "t", -1))).isInstanceOfSatisfying(Result.Failed.class,
				(f) -> assertThat(f.code()).isEqualTo(ErrorCode.UPGRADE_NOT_SUPPORTED));
		assertThat(info().waiters()).isEmpty();
	}

	@Test
	void readHolderReentersEvenWhenAWriterWaits() {
		long r = token(this.sm.apply(1, read(1, "t", 0)));
		this.sm.apply(2, write(2, "w", -1));
		assertThat(this.sm.apply(1, read(3, "t", 0))).isEqualTo(new Result.Granted(r, this.sm.now, 2));
	}

	@Test
	void cancellingTheWaitingWriterLetsQueuedReadersIn() {
		this.sm.apply(1, read(1, "r1", 0));
		this.sm.apply(2, write(2, "w", -1));
		this.sm.apply(3, read(3, "r2", -1));
		this.sm.apply(2, new Command.Cancel(2));
		assertThat(this.sm.grantOf(3, 3)).isNotNull();
	}

	@Test
	void exclusiveLocksAndReadWriteLocksAreSeparateNamespaces() {
		this.sm.apply(1, write(1, "w", 0));
		assertThat(this.sm.apply(2, this.sm.lock(2, "doc", "x", 0))).isInstanceOf(Result.Granted.class);
	}

	private Command.Acquire read(long requestId, String owner, long wait) {
		return this.sm.rw(requestId, "doc", owner, LockMode.READ, wait);
	}

	private Command.Acquire write(long requestId, String owner, long wait) {
		return this.sm.rw(requestId, "doc", owner, LockMode.WRITE, wait);
	}

	private static Command.Release release(String owner, LockMode mode, long token) {
		return new Command.Release(ResourceType.RW_LOCK, "doc", owner, mode, token);
	}

	private LockInfo info() {
		return (LockInfo) this.sm.query(new Query.DescribeLock(ResourceType.RW_LOCK, "doc"));
	}

}
