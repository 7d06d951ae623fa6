package io.coordination.sidecar.it;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.coordination.testsupport.contract.AbstractLockContractTests;
import io.coordination.testsupport.contract.CoordinationClients;

class HttpLockContractIT extends AbstractLockContractTests {

	@RegisterExtension
	static final SidecarEnsemble ensemble = new SidecarEnsemble();

	@Override
	protected CoordinationClients clients() {
		return ensemble;
	}

}
