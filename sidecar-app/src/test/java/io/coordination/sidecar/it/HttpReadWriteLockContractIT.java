package io.coordination.sidecar.it;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.coordination.testsupport.contract.AbstractReadWriteLockContractTests;
import io.coordination.testsupport.contract.CoordinationClients;

class HttpReadWriteLockContractIT extends AbstractReadWriteLockContractTests {

	@RegisterExtension
	static final SidecarEnsemble ensemble = new SidecarEnsemble();

	@Override
	protected CoordinationClients clients() {
		return ensemble;
	}

}
