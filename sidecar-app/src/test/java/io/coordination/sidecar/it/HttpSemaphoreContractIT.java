package io.coordination.sidecar.it;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.coordination.testsupport.contract.AbstractSemaphoreContractTests;
import io.coordination.testsupport.contract.CoordinationClients;

class HttpSemaphoreContractIT extends AbstractSemaphoreContractTests {

	@RegisterExtension
	static final SidecarEnsemble ensemble = new SidecarEnsemble();

	@Override
	protected CoordinationClients clients() {
		return ensemble;
	}

}
