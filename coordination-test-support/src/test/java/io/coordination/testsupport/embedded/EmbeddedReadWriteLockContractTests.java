package io.coordination.testsupport.embedded;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.coordination.testsupport.contract.AbstractReadWriteLockContractTests;
import io.coordination.testsupport.contract.CoordinationClients;

class EmbeddedReadWriteLockContractTests extends AbstractReadWriteLockContractTests {

	@RegisterExtension
	static final SharedCluster cluster = new SharedCluster();

	@Override
	protected CoordinationClients clients() {
		return cluster;
	}

}
