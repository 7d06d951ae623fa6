package io.coordination.testsupport.contract;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.coordination.barrier.BarrierPartiesMismatchException;
import io.coordination.barrier.DoubleBarrier;

import static io.coordination.testsupport.contract.AbstractLockContractTests.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What every implementation's barriers do.
 */
public abstract class AbstractBarrierContractTests extends AbstractContractTests {

	@Test
	void releasesAllPartiesTogether() {
		String name = name("start");
		List<Future<Boolean>> parties = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			int client = i;
			parties.add(this.threads.submit(() -> client(client).barrier(name, 3).await(seconds(30))));
		}
		await().atMost(seconds(10)).until(() -> client(2).barrier(name, 3).waiting() == 2);
		assertThat(client(2).barrier(name, 3).await(seconds(30))).isTrue();
		for (Future<Boolean> party : parties) {
			assertThat(get(party)).isTrue();
		}
	}

	@Test
	void aTimedOutPartyIsWithdrawn() {
		String name = name("start");
		assertThat(client(0).barrier(name, 2).await(Duration.ofMillis(300))).isFalse();
		assertThat(client(1).barrier(name, 2).waiting()).isZero();
	}

	@Test
	void refusesAnotherPartyCountWhileInUse() {
		String name = name("start");
		Future<Boolean> waiting = this.threads.submit(() -> client(0).barrier(name, 2).await(seconds(30)));
		await().atMost(seconds(10)).until(() -> client(2).barrier(name, 2).waiting() == 1);
		assertThatThrownBy(() -> client(1).barrier(name, 5).await(seconds(1)))
			.isInstanceOf(BarrierPartiesMismatchException.class)
			.hasMessageContaining("2 parties");
		assertThat(client(1).barrier(name, 2).await(seconds(30))).isTrue();
		assertThat(get(waiting)).isTrue();
	}

	@Test
	void doubleBarrierEntersAndLeavesTogether() {
		String name = name("round");
		Future<Boolean> other = this.threads.submit(() -> {
			DoubleBarrier barrier = client(1).doubleBarrier(name, 2);
			return barrier.enter(seconds(30)) && barrier.leave(seconds(30));
		});
		DoubleBarrier barrier = client(0).doubleBarrier(name, 2);
		assertThat(barrier.enter(seconds(30))).isTrue();
		assertThat(barrier.leave(seconds(30))).isTrue();
		assertThat(get(other)).isTrue();
	}

}
