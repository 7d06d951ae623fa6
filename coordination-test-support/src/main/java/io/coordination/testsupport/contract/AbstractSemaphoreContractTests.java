package io.coordination.testsupport.contract;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.coordination.semaphore.DistributedSemaphore;
import io.coordination.semaphore.PermitCountMismatchException;
import io.coordination.semaphore.PermitLease;

import static io.coordination.testsupport.contract.AbstractLockContractTests.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What every implementation's semaphores do.
 */
public abstract class AbstractSemaphoreContractTests extends AbstractContractTests {

	@Test
	void countsPermitsAcrossClients() {
		String name = name("pool");
		try (PermitLease two = client(0).semaphore(name, 3).acquire(2)) {
			assertThat(two.permits()).isEqualTo(2);
			assertThat(client(1).semaphore(name, 3).availablePermits()).isEqualTo(1);
			try (PermitLease one = client(1).semaphore(name, 3).tryAcquire(Duration.ZERO).orElseThrow()) {
				assertThat(one.fencingToken()).isGreaterThan(two.fencingToken());
				assertThat(client(2).semaphore(name, 3).tryAcquire(Duration.ofMillis(200))).isEmpty();
				assertThat(client(2).semaphore(name, 3).info().holders()).hasSize(2);
			}
		}
		assertThat(client(2).semaphore(name, 3).availablePermits()).isEqualTo(3);
	}

	@Test
	void waitersAreServedWhenPermitsReturn() {
		String name = name("pool");
		PermitLease all = client(0).semaphore(name, 2).acquire(2);
		Future<Optional<PermitLease>> waiting = this.threads
			.submit(() -> client(1).semaphore(name, 2).tryAcquire(2, seconds(30)));
		await().atMost(seconds(10)).until(() -> client(2).semaphore(name, 2).info().waiters().size() == 1);
		all.close();
		PermitLease granted = get(waiting).orElseThrow();
		assertThat(granted.fencingToken()).isGreaterThan(all.fencingToken());
		granted.close();
	}

	@Test
	void refusesAnotherPermitCountWhileInUse() {
		String name = name("pool");
		try (PermitLease lease = client(0).semaphore(name, 3).acquire()) {
			DistributedSemaphore other = client(1).semaphore(name, 5);
			assertThatThrownBy(other::acquire).isInstanceOfSatisfying(PermitCountMismatchException.class, (ex) -> {
				assertThat(ex.expected()).isEqualTo(5);
				assertThat(ex.actual()).isEqualTo(3);
				assertThat(ex).hasMessageContaining(name);
			});
		}
	}

	@Test
	void rejectsBadCounts() {
		assertThatIllegalArgumentException().isThrownBy(() -> client(0).semaphore(name("pool"), 0))
			.withMessageContaining("permit count must be at least 1: 0");
		DistributedSemaphore semaphore = client(0).semaphore(name("pool"), 2);
		assertThatIllegalArgumentException().isThrownBy(() -> semaphore.acquire(3)).withMessageContaining("3 permits");
		assertThatIllegalArgumentException().isThrownBy(() -> semaphore.tryAcquire(0, Duration.ZERO))
			.withMessageContaining("permits must be at least 1");
	}

}
