package io.coordination.sidecar.it;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.coordination.testsupport.contract.AbstractSessionContractTests;
import io.coordination.testsupport.contract.CoordinationClients;

class HttpSessionContractIT extends AbstractSessionContractTests {

	@RegisterExtension
	static final SidecarEnsemble ensemble = new SidecarEnsemble();

	@Override
	protected CoordinationClients clients() {
		return ensemble;
	}

}
