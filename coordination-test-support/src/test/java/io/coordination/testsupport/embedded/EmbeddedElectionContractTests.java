package io.coordination.testsupport.embedded;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.coordination.testsupport.contract.AbstractElectionContractTests;
import io.coordination.testsupport.contract.CoordinationClients;

class EmbeddedElectionContractTests extends AbstractElectionContractTests {

	@RegisterExtension
	static final SharedCluster cluster = new SharedCluster();

	@Override
	protected CoordinationClients clients() {
		return cluster;
	}

}
