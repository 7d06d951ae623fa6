package io.coordination.testsupport.embedded;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.coordination.testsupport.contract.AbstractSemaphoreContractTests;
import io.coordination.testsupport.contract.CoordinationClients;

class EmbeddedSemaphoreContractTests extends AbstractSemaphoreContractTests {

	@RegisterExtension
	static final SharedCluster cluster = new SharedCluster();

	@Override
	protected CoordinationClients clients() {
		return cluster;
	}

}
