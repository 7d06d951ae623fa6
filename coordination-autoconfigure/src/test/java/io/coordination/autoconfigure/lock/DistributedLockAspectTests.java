package io.coordination.autoconfigure.lock;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

import io.coordination.annotation.CoordinationAssert;
import io.coordination.annotation.DistributedLock;
import io.coordination.annotation.LockContext;
import io.coordination.autoconfigure.SharedNode;
import io.coordination.lock.LockLease;
import io.coordination.lock.LockOwnershipLostException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@ExtendWith({ SharedNode.class, OutputCaptureExtension.class })
class DistributedLockAspectTests {

	private final ApplicationContextRunner runner = SharedNode.runner(AopAutoConfiguration.class, DistributedLockAutoConfiguration.class)
		.withUserConfiguration(ServiceConfiguration.class);

	@Test
	void runsTheMethodUnderTheLockWithItsToken() {
		this.runner.run((context) -> {
			Locked service = context.getBean(Locked.class);
			long token = service.plain();
			assertThat(token).isPositive();
			assertThat(SharedNode.otherClient().lock("plain").isHeldBy(token)).isFalse();
			assertThat(service.plain()).isGreaterThan(token);
		});
	}

	@Test
	void resolvesSpelNamesOverArguments() {
		this.runner.run((context) -> {
			Locked service = context.getBean(Locked.class);
			assertThat(service.named(new Order("42"))).isEqualTo("order-42");
		});
	}

	@Test
	void throwsOrSkipsWhenAnotherOwnerHoldsTheLock() {
		this.runner.run((context) -> {
			Locked service = context.getBean(Locked.class);
			try (LockLease held = SharedNode.otherClient().lock("plain").lock()) {
				assertThatThrownBy(service::plain).isInstanceOf(LockNotAcquiredException.class)
					.hasMessageContaining("'plain'");
				assertThat(SharedNode.otherClient().lock("skipped").tryLock()).isPresent();
				assertThat(service.skipped()).isEmpty();
			}
			SharedNode.otherClient().lock("skipped").forceRelease();
			assertThat(service.skipped()).contains("ran");
		});
	}

	@Test
	void aNameTemplateThatCannotBeResolvedFailsNamingIt() {
		this.runner.run((context) -> assertThatThrownBy(() -> context.getBean(Locked.class).named(null))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("'order-#{#order.id()}'")
			.hasMessageContaining("named"));
	}

	@Test
	void aNameThatLooksLikeAnExpressionOutsideATemplateFailsStartUp() {
		this.runner.withBean(SpelOutsideTemplate.class, SpelOutsideTemplate::new).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("'acct-' + #from")
				.hasMessageContaining("transfer")
				.hasMessageContaining("acct-#{#from}");
		});
	}

	@Test
	void aPlaceholderOrAMalformedTemplateFailsStartUp() {
		this.runner.withBean(Placeholder.class, Placeholder::new)
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("${region}")
				.hasMessageContaining("placeholders"));
		this.runner.withBean(Malformed.class, Malformed::new)
			.run((context) -> assertThat(context.getStartupFailure())
				.hasStackTraceContaining("malformed name template 'order-#{#order.id(}'"));
	}

	@Test
	void aHoldLostWhileTheMethodRunsIsLoggedWithItsTokenAndSeenByTheMethod(CapturedOutput output) {
		this.runner.run((context) -> {
			Locked service = context.getBean(Locked.class);
			CountDownLatch holding = new CountDownLatch(1);
			CountDownLatch lost = new CountDownLatch(1);
			CompletableFuture<long[]> result = CompletableFuture.supplyAsync(() -> service.losing(holding, lost));
			assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
			long token = SharedNode.otherClient().lock("losing").info().holders().get(0).fencingToken();
			SharedNode.otherClient().lock("losing").forceRelease();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> output.getOut().contains("Lock 'losing' (fencing token " + token + ") was lost"));
			lost.countDown();
			// [token seen by the method, valid before, valid after]
			assertThat(result.get(30, TimeUnit.SECONDS)).containsExactly(token, 1, 0);
			assertThat(output.getOut()).contains("FORCED_RELEASE").contains("Locked.losing is still running");
		});
	}

	@Test
	void aHoldReleasedNormallyIsNotReportedLost(CapturedOutput output) {
		this.runner.run((context) -> {
			context.getBean(Locked.class).plain();
			assertThat(output.getOut()).doesNotContain("was lost");
		});
	}

	@Test
	void honoursAnnotationsDeclaredOnAnInterface() {
		this.runner.withBean(Contracted.class, ContractedService::new).run((context) -> {
			Contracted service = context.getBean(Contracted.class);
			assertThat(service.work()).isPositive();
		});
	}

	@Test
	void refusesSkipOnAMethodThatMustReturnAValue() {
		this.runner.run((context) -> assertThatIllegalStateException()
			.isThrownBy(() -> context.getBean(Locked.class).skipNotAllowed())
			.withMessageContaining("needs a void, Optional or CompletionStage return type"));
	}

	@Test
	void waitsAndRetriesWhenAsked() {
		this.runner.withPropertyValues("coordination.lock.retry.initial-interval=50ms").run((context) -> {
			Locked service = context.getBean(Locked.class);
			LockLease held = SharedNode.otherClient().lock("retried").lock();
			CompletableFuture.runAsync(() -> {
				try {
					TimeUnit.MILLISECONDS.sleep(300);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				held.close();
			});
			assertThat(service.retried()).isGreaterThan(held.fencingToken());
		});
	}

	@Test
	void holdsTheLockUntilAnAsyncResultCompletes() {
		this.runner.run((context) -> {
			Locked service = context.getBean(Locked.class);
			CompletableFuture<Void> gate = new CompletableFuture<>();
			CompletableFuture<String> result = service.async(gate);
			assertThat(SharedNode.otherClient().lock("async").isLocked()).isTrue();
			gate.complete(null);
			assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo("done");
			assertThat(SharedNode.otherClient().lock("async").isLocked()).isFalse();
		});
	}

	@Test
	void wrapsTransactionsByDefault() {
		this.runner.withUserConfiguration(TransactionConfiguration.class).run((context) -> {
			RecordingTransactionManager transactions = context.getBean(RecordingTransactionManager.class);
			context.getBean(Locked.class).transactional();
			assertThat(transactions.events).containsExactly("begin locked=true", "commit locked=true");
		});
	}

	@Test
	void runsInsideTransactionsWhenOrderedSo() {
		this.runner.withUserConfiguration(TransactionConfiguration.class)
			.withPropertyValues("coordination.lock.order=" + Integer.MAX_VALUE)
			.run((context) -> {
				RecordingTransactionManager transactions = context.getBean(RecordingTransactionManager.class);
				context.getBean(Locked.class).transactional();
				assertThat(transactions.events).containsExactly("begin locked=false", "commit locked=false");
			});
	}

	@Test
	void assertLockedCatchesAMissedProxy() {
		this.runner.run((context) -> {
			Locked service = context.getBean(Locked.class);
			service.asserting();
			assertThatIllegalStateException().isThrownBy(service::selfInvocation)
				.withMessageContaining("Spring proxy");
		});
	}

	@Test
	void isSwitchedOffByItsProperty() {
		this.runner.withPropertyValues("coordination.lock.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DistributedLockAdvisor.class));
	}

	record Order(String id) {
	}

	interface Contracted {

		@DistributedLock(name = "contracted")
		long work();

	}

	static class ContractedService implements Contracted {

		@Override
		public long work() {
			return LockContext.currentToken();
		}

	}

	static class Locked {

		@DistributedLock(name = "plain")
		long plain() {
			return LockContext.currentToken();
		}

		@DistributedLock(name = "order-#{#order.id()}")
		String named(Order order) {
			return LockContext.currentLease().orElseThrow().resource();
		}

		@DistributedLock(name = "skipped", onFailure = DistributedLock.OnLockFailure.SKIP)
		Optional<String> skipped() {
			return Optional.of("ran");
		}

		@DistributedLock(name = "bad", onFailure = DistributedLock.OnLockFailure.SKIP)
		String skipNotAllowed() {
			return "never";
		}

		@DistributedLock(name = "retried", maxAttempts = 20)
		long retried() {
			return LockContext.currentToken();
		}

		@DistributedLock(name = "async")
		CompletableFuture<String> async(CompletableFuture<Void> gate) {
			return gate.thenApplyAsync((ignored) -> "done");
		}

		@DistributedLock(name = "tx")
		@Transactional
		void transactional() {
		}

		@DistributedLock(name = "losing")
		long[] losing(CountDownLatch holding, CountDownLatch lost) {
			boolean before = LockContext.isValid();
			holding.countDown();
			try {
				lost.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			boolean after = LockContext.isValid();
			assertThatThrownBy(LockContext::checkValid).isInstanceOf(LockOwnershipLostException.class);
			return new long[] { LockContext.currentToken(), before ? 1 : 0, after ? 1 : 0 };
		}

		@DistributedLock(name = "asserted")
		void asserting() {
			CoordinationAssert.assertLocked("asserted");
		}

		void selfInvocation() {
			asserting();
		}

	}

	static class SpelOutsideTemplate {

		@DistributedLock(name = "'acct-' + #from")
		void transfer(String from) {
		}

	}

	static class Placeholder {

		@DistributedLock(name = "jobs-${region}")
		void run() {
		}

	}

	static class Malformed {

		@DistributedLock(name = "order-#{#order.id(}")
		void run(Order order) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ServiceConfiguration {

		@Bean
		Locked locked() {
			return new Locked();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableTransactionManagement
	static class TransactionConfiguration {

		@Bean
		RecordingTransactionManager transactionManager() {
			return new RecordingTransactionManager();
		}

	}

	static class RecordingTransactionManager extends AbstractPlatformTransactionManager {

		private static final long serialVersionUID = 1L;

		final List<String> events = new CopyOnWriteArrayList<>();

		@Override
		protected Object doGetTransaction() {
			return new Object();
		}

		@Override
		protected void doBegin(Object transaction, TransactionDefinition definition) {
			this.events.add("begin locked=" + SharedNode.otherClient().lock("tx").isLocked());
		}

		@Override
		protected void doCommit(DefaultTransactionStatus status) {
			this.events.add("commit locked=" + SharedNode.otherClient().lock("tx").isLocked());
		}

		@Override
		protected void doRollback(DefaultTransactionStatus status) {
			this.events.add("rollback");
		}

	}

}
