package io.coordination.testsupport.embedded;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.coordination.testsupport.contract.AbstractDiscoveryContractTests;
import io.coordination.testsupport.contract.CoordinationClients;

class EmbeddedDiscoveryContractTests extends AbstractDiscoveryContractTests {

	@RegisterExtension
	static final SharedCluster cluster = new SharedCluster();

	@Override
	protected CoordinationClients clients() {
		return cluster;
	}

}
