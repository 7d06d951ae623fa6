package io.coordination.testsupport.contract;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.coordination.Coordination;
import io.coordination.LeaseLostEvent;
import io.coordination.LostReason;
import io.coordination.lock.DeadlockDetectedException;
import io.coordination.lock.DistributedLock;
import io.coordination.lock.LockInfo;
import io.coordination.lock.LockLease;
import io.coordination.lock.LockMode;
import io.coordination.lock.LockOwnershipLostException;
import io.coordination.lock.MultiLockLease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What every implementation's exclusive locks do.
 */
public abstract class AbstractLockContractTests extends AbstractContractTests {

	@Test
	void grantsWithIncreasingFencingTokens() {
		DistributedLock lock = client(0).lock(name("orders"));
		long first;
		try (LockLease lease = lock.lock()) {
			first = lease.fencingToken();
			assertThat(first).isPositive();
			assertThat(lease.isValid()).isTrue();
			assertThat(lease.mode()).isEqualTo(LockMode.EXCLUSIVE);
			assertThat(lease.resource()).isEqualTo(lock.name());
			assertThat(lock.isHeldBy(first)).isTrue();
		}
		try (LockLease lease = client(1).lock(lock.name()).lock()) {
			assertThat(lease.fencingToken()).isGreaterThan(first);
		}
		assertThat(lock.isHeldBy(first)).isFalse();
		assertThat(lock.isLocked()).isFalse();
	}

	@Test
	void excludesOtherClientsUntilReleased() {
		String name = name("orders");
		LockLease held = client(0).lock(name).lock();
		assertThat(client(1).lock(name).tryLock()).isEmpty();
		assertThat(client(1).lock(name).tryLock(Duration.ofMillis(300))).isEmpty();
		Future<Optional<LockLease>> waiting = this.threads.submit(() -> client(1).lock(name).tryLock(seconds(20)));
		await().atMost(seconds(10)).until(() -> client(2).lock(name).info().waiters().size() == 1);
		held.close();
		LockLease next = get(waiting).orElseThrow();
		assertThat(next.fencingToken()).isGreaterThan(held.fencingToken());
		assertThat(held.isValid()).isFalse();
		next.close();
	}

	@Test
	void showsHoldersAndWaiters() throws Exception {
		String name = name("orders");
		try (LockLease lease = client(0).lock(name).lock()) {
			Future<Optional<LockLease>> waiting = this.threads.submit(() -> client(1).lock(name).tryLock(seconds(20)));
			await().atMost(seconds(10)).until(() -> client(2).lock(name).info().waiters().size() == 1);
			LockInfo info = client(2).lock(name).info();
			assertThat(info.holders()).singleElement().satisfies((holder) -> {
				assertThat(holder.fencingToken()).isEqualTo(lease.fencingToken());
				assertThat(holder.owner().member()).isEqualTo(client(0).session().memberId());
				assertThat(holder.owner().session()).isEqualTo(client(0).session().id());
				assertThat(holder.owner().id()).contains(Thread.currentThread().getName());
				assertThat(holder.holdCount()).isEqualTo(1);
				assertThat(holder.since()).isNotNull();
			});
			assertThat(info.waiters()).singleElement()
				.satisfies((waiter) -> assertThat(waiter.owner().session()).isEqualTo(client(1).session().id()));
			assertThat(client(2).inspector().locks()).anySatisfy((l) -> assertThat(l.name()).isEqualTo(name));
			waiting.cancel(true);
		}
	}

	@Test
	void isReentrantForTheSameThreadOnly() throws Exception {
		DistributedLock lock = client(0).lock(name("orders"));
		try (LockLease outer = lock.lock()) {
			try (LockLease inner = lock.lock()) {
				assertThat(inner.fencingToken()).isEqualTo(outer.fencingToken());
				assertThat(lock.info().holders()).singleElement()
					.satisfies((holder) -> assertThat(holder.holdCount()).isEqualTo(2));
			}
			assertThat(lock.isLocked()).isTrue();
			assertThat(outer.isValid()).isTrue();
			assertThat(this.threads.submit(() -> lock.tryLock()).get(30, TimeUnit.SECONDS)).isEmpty();
		}
		assertThat(lock.isLocked()).isFalse();
	}

	@Test
	void grantsWaitersInArrivalOrder() {
		String name = name("fifo");
		LockLease held = client(0).lock(name).lock();
		List<String> order = new CopyOnWriteArrayList<>();
		for (int i = 0; i < 3; i++) {
			String waiter = "waiter-" + i;
			int expected = i + 1;
			this.threads.submit(() -> {
				try (LockLease lease = client(1).lock(name).lock()) {
					order.add(waiter);
				}
				return null;
			});
			await().atMost(seconds(10)).until(() -> client(2).lock(name).info().waiters().size() == expected);
		}
		held.close();
		await().atMost(seconds(20)).until(() -> order.size() == 3);
		assertThat(order).containsExactly("waiter-0", "waiter-1", "waiter-2");
	}

	@Test
	void leaseTimeReleasesTheLockAndTellsTheHolder() {
		String name = name("leased");
		CompletableFuture<LeaseLostEvent> lost = new CompletableFuture<>();
		LockLease lease = client(0).lock(name).lock(Duration.ofSeconds(1));
		lease.addLostListener(lost::complete);
		LockLease next = client(1).lock(name).tryLock(seconds(30)).orElseThrow();
		assertThat(next.fencingToken()).isGreaterThan(lease.fencingToken());
		assertThat(get(lost).reason()).isEqualTo(LostReason.LEASE_EXPIRED);
		assertThat(lease.isValid()).isFalse();
		assertThatThrownBy(lease::checkValid).isInstanceOf(LockOwnershipLostException.class)
			.hasMessageContaining(name)
			.hasMessageContaining("LEASE_EXPIRED");
		lease.close();
		assertThat(client(2).lock(name).isHeldBy(next.fencingToken())).isTrue();
		next.close();
	}

	@Test
	void aLeaseIsNoLongerValidOnceItsLeaseTimeHasElapsed() {
		LockLease lease = client(0).lock(name("short")).lock(Duration.ofMillis(800));
		assertThat(lease.isValid()).isTrue();
		await().pollDelay(Duration.ofMillis(900)).atMost(seconds(5)).until(() -> true);
		// whether or not the cluster's expiry has reached this client yet, acting on the lease is no longer safe
		assertThat(lease.isValid()).isFalse();
		assertThatThrownBy(lease::checkValid).isInstanceOf(LockOwnershipLostException.class)
			.hasMessageContaining("LEASE_EXPIRED");
		lease.close();
	}

	@Test
	void forcedReleaseTellsTheHolder() {
		String name = name("forced");
		CompletableFuture<LeaseLostEvent> lost = new CompletableFuture<>();
		LockLease lease = client(0).lock(name).lock();
		lease.addLostListener(lost::complete);
		assertThat(client(1).lock(name).forceRelease()).isTrue();
		assertThat(get(lost)).isEqualTo(new LeaseLostEvent(name, lease.fencingToken(), LostReason.FORCED_RELEASE));
		assertThat(client(1).lock(name).forceRelease()).isFalse();
		assertThat(client(1).lock(name).tryLock()).isPresent();
	}

	@Test
	void forcedReleaseByTokenReleasesOnlyThatHold() {
		String name = name("forced-token");
		LockLease first = client(0).lock(name).lock();
		long seen = first.fencingToken();
		assertThat(client(1).lock(name).forceRelease(seen)).isTrue();
		await().atMost(seconds(10)).until(() -> !first.isValid());
		LockLease second = client(1).lock(name).tryLock(seconds(10)).orElseThrow();
		assertThat(client(0).lock(name).forceRelease(seen)).isFalse();
		assertThat(second.isValid()).isTrue();
		second.close();
	}

	@Test
	void closingAClientReleasesItsLocksAndTellsItsHolders() {
		String name = name("owned");
		Coordination doomed = open();
		CompletableFuture<LeaseLostEvent> lost = new CompletableFuture<>();
		LockLease lease = doomed.lock(name).lock();
		lease.addLostListener(lost::complete);
		Future<Optional<LockLease>> waiting = this.threads.submit(() -> client(1).lock(name).tryLock(seconds(30)));
		await().atMost(seconds(10)).until(() -> client(1).lock(name).info().waiters().size() == 1);
		doomed.close();
		LockLease next = get(waiting).orElseThrow();
		assertThat(next.fencingToken()).isGreaterThan(lease.fencingToken());
		assertThat(get(lost)).isEqualTo(new LeaseLostEvent(name, lease.fencingToken(), LostReason.NODE_CLOSED));
		assertThat(lease.isValid()).isFalse();
		next.close();
	}

	@Test
	void acquiresSeveralLocksInCanonicalOrder() {
		String a = name("a");
		String b = name("b");
		try (MultiLockLease all = client(0).lockAll(seconds(10), List.of(b, a, b)).orElseThrow()) {
			assertThat(all.leases()).extracting(LockLease::resource).containsExactly(a, b);
			assertThat(all.lease(b).fencingToken()).isGreaterThan(all.lease(a).fencingToken());
			assertThat(client(1).lockAll(Duration.ofMillis(200), List.of(a, b))).isEmpty();
			assertThat(client(1).lock(a).isLocked()).isTrue();
		}
		assertThat(client(1).lock(a).isLocked()).isFalse();
		assertThat(client(1).lock(b).isLocked()).isFalse();
	}

	@Test
	void reportsDeadlockCycles() throws Exception {
		String a = name("A");
		String b = name("B");
		CountDownLatch bothHold = new CountDownLatch(2);
		Future<Boolean> first = this.threads.submit(() -> crossAcquire(client(0), a, b, bothHold));
		Future<Boolean> second = this.threads.submit(() -> crossAcquire(client(1), b, a, bothHold));
		await().atMost(seconds(20)).until(() -> client(2).inspector()
			.deadlocks()
			.stream()
			.anyMatch((report) -> report.describe().contains("'" + a + "'") && report.describe().contains("'" + b + "'")));
		first.get(60, TimeUnit.SECONDS);
		second.get(60, TimeUnit.SECONDS);
	}

	private static boolean crossAcquire(Coordination coordination, String first, String second, CountDownLatch bothHold)
			throws InterruptedException {
		try (LockLease held = coordination.lock(first).lock()) {
			bothHold.countDown();
			bothHold.await();
			try {
				Optional<LockLease> other = coordination.lock(second).tryLock(seconds(6));
				other.ifPresent(LockLease::close);
				return other.isPresent();
			}
			catch (DeadlockDetectedException ex) {
				// implementations configured to fail deadlocked waiters
				return false;
			}
		}
	}

	@Test
	void rejectsBadInputWithClearErrors() {
		assertThatIllegalArgumentException().isThrownBy(() -> client(0).lock(""))
			.withMessageContaining("must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> client(0).lock("x".repeat(300)))
			.withMessageContaining("300 characters");
		assertThatIllegalArgumentException().isThrownBy(() -> client(0).lock("a\u0000b"))
			.withMessageContaining("control characters");
		DistributedLock lock = client(0).lock(name("valid"));
		assertThatIllegalArgumentException().isThrownBy(() -> lock.tryLock(Duration.ofSeconds(-1)))
			.withMessageContaining("PT-1S");
		assertThatIllegalArgumentException().isThrownBy(() -> lock.lock(Duration.ZERO))
			.withMessageContaining("leaseTime must be positive");
		assertThat(lock.isLocked()).isFalse();
	}

	/**
	 * Waits for a future with a scaled timeout.
	 * @param <T> result type
	 * @param future the future
	 * @return its result
	 */
	protected static <T> T get(Future<T> future) {
		try {
			return future.get(seconds(60).toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			throw new AssertionError("Did not complete: " + ex, ex);
		}
	}

}
