package io.coordination.testsupport.contract;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.coordination.lock.DistributedReadWriteLock;
import io.coordination.lock.LockLease;
import io.coordination.lock.LockMode;

import static io.coordination.testsupport.contract.AbstractLockContractTests.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * What every implementation's read-write locks do.
 */
public abstract class AbstractReadWriteLockContractTests extends AbstractContractTests {

	@Test
	void readersShareAndWritersExclude() {
		String name = name("doc");
		try (LockLease first = client(0).readWriteLock(name).readLock().lock();
				LockLease second = client(1).readWriteLock(name).readLock().lock()) {
			assertThat(first.mode()).isEqualTo(LockMode.READ);
			assertThat(client(2).readWriteLock(name).writeLock().tryLock()).isEmpty();
			assertThat(client(2).readWriteLock(name).info().holders()).hasSize(2);
		}
		try (LockLease write = client(2).readWriteLock(name).writeLock().tryLock().orElseThrow()) {
			assertThat(write.mode()).isEqualTo(LockMode.WRITE);
			assertThat(client(0).readWriteLock(name).readLock().tryLock()).isEmpty();
		}
	}

	@Test
	void prefersAWaitingWriterOverNewReaders() {
		String name = name("doc");
		LockLease reader = client(0).readWriteLock(name).readLock().lock();
		Future<Optional<LockLease>> writer = this.threads
			.submit(() -> client(1).readWriteLock(name).writeLock().tryLock(seconds(30)));
		await().atMost(seconds(10)).until(() -> client(2).readWriteLock(name).info().waiters().size() == 1);
		assertThat(client(2).readWriteLock(name).readLock().tryLock(Duration.ofMillis(200))).isEmpty();
		reader.close();
		LockLease write = get(writer).orElseThrow();
		assertThat(write.fencingToken()).isGreaterThan(reader.fencingToken());
		write.close();
	}

	@Test
	void writerMayReadButReaderCannotUpgrade() {
		DistributedReadWriteLock lock = client(0).readWriteLock(name("doc"));
		try (LockLease write = lock.writeLock().lock(); LockLease read = lock.readLock().lock()) {
			assertThat(read.fencingToken()).isGreaterThan(write.fencingToken());
		}
		try (LockLease read = lock.readLock().lock()) {
			assertThatIllegalStateException().isThrownBy(() -> lock.writeLock().tryLock())
				.withMessageContaining("cannot take the write lock");
		}
	}

}
