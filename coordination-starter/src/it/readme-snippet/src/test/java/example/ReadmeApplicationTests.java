package example;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.coordination.Coordination;
import io.coordination.lock.LockLease;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = { "coordination.node.port=0", "coordination.node.data-dir=target/coordination-data" })
class ReadmeApplicationTests {

	@Autowired
	Coordination coordination;

	@Autowired
	ReadmeApplication.Invoices invoices;

	@Test
	void theStarterRunsAnEmbeddedNodeWithNoSetUp() {
		long first = this.invoices.bill("acme");
		long second = this.invoices.bill("acme");
		assertThat(second).isGreaterThan(first);
		try (LockLease lease = this.coordination.lock("orders").lock()) {
			assertThat(lease.fencingToken()).isGreaterThan(second);
		}
	}

}
