package io.coordination.sidecar.it;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.coordination.testsupport.contract.AbstractDiscoveryContractTests;
import io.coordination.testsupport.contract.CoordinationClients;

class HttpDiscoveryContractIT extends AbstractDiscoveryContractTests {

	@RegisterExtension
	static final SidecarEnsemble ensemble = new SidecarEnsemble();

	@Override
	protected CoordinationClients clients() {
		return ensemble;
	}

}
