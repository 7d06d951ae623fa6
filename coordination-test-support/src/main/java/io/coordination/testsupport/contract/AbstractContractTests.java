package io.coordination.testsupport.contract;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

import io.coordination.Coordination;
import io.coordination.testsupport.TestTimeouts;

/**
 * Base of the contract tests: unique resource names per test (implementations share one cluster across tests),
 * clients opened by a test and closed after it, a thread pool for concurrent callers.
 */
public abstract class AbstractContractTests {

	private static final AtomicInteger sequence = new AtomicInteger();

	private final List<Coordination> opened = new ArrayList<>();

	private String prefix;

	/** Threads for callers that must run concurrently (each thread is its own lock owner). */
	protected ExecutorService threads;

	/**
	 * The implementation under test.
	 * @return its clients
	 */
	protected abstract CoordinationClients clients();

	@BeforeEach
	void prepare(TestInfo info) {
		this.prefix = info.getTestMethod().map((m) -> m.getName()).orElse("test") + "-" + sequence.incrementAndGet();
		this.threads = Executors.newCachedThreadPool();
	}

	@AfterEach
	void cleanUp() throws InterruptedException {
		this.threads.shutdownNow();
		this.threads.awaitTermination(30, TimeUnit.SECONDS);
		for (Coordination coordination : this.opened) {
			try {
				coordination.close();
			}
			catch (RuntimeException ex) {
				// already closed by the test
			}
		}
		this.opened.clear();
	}

	/**
	 * A resource name unique to this test.
	 * @param base readable part
	 * @return the name
	 */
	protected String name(String base) {
		return this.prefix + "-" + base;
	}

	/**
	 * A long-lived client.
	 * @param index 0, 1 or 2
	 * @return the client
	 */
	protected Coordination client(int index) {
		return clients().client(index);
	}

	/**
	 * A new client closed after the test.
	 * @return the client
	 */
	protected Coordination open() {
		Coordination coordination = clients().open();
		this.opened.add(coordination);
		return coordination;
	}

	/**
	 * A scaled timeout for waits that should succeed.
	 * @param seconds seconds on a fast machine
	 * @return the timeout
	 */
	protected static Duration seconds(long seconds) {
		return TestTimeouts.seconds(seconds);
	}

}
