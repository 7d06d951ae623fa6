package io.coordination.sidecar.it;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.coordination.testsupport.contract.AbstractBarrierContractTests;
import io.coordination.testsupport.contract.CoordinationClients;

class HttpBarrierContractIT extends AbstractBarrierContractTests {

	@RegisterExtension
	static final SidecarEnsemble ensemble = new SidecarEnsemble();

	@Override
	protected CoordinationClients clients() {
		return ensemble;
	}

}
