package io.coordination.testsupport.embedded;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.coordination.testsupport.contract.AbstractBarrierContractTests;
import io.coordination.testsupport.contract.CoordinationClients;

class EmbeddedBarrierContractTests extends AbstractBarrierContractTests {

	@RegisterExtension
	static final SharedCluster cluster = new SharedCluster();

	@Override
	protected CoordinationClients clients() {
		return cluster;
	}

}
