package io.coordination.testsupport.embedded;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.coordination.testsupport.contract.AbstractLockContractTests;
import io.coordination.testsupport.contract.CoordinationClients;

class EmbeddedLockContractTests extends AbstractLockContractTests {

	@RegisterExtension
	static final SharedCluster cluster = new SharedCluster();

	@Override
	protected CoordinationClients clients() {
		return cluster;
	}

}
