package io.coordination.testsupport.embedded;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.coordination.testsupport.contract.AbstractKeyValueContractTests;
import io.coordination.testsupport.contract.CoordinationClients;

class EmbeddedKeyValueContractTests extends AbstractKeyValueContractTests {

	@RegisterExtension
	static final SharedCluster cluster = new SharedCluster();

	@Override
	protected CoordinationClients clients() {
		return cluster;
	}

}
