package io.coordination.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Says how to get out of {@link MissingCoordinationCoreException}: use a sidecar, or bring the core back.
 */
class MissingCoordinationCoreFailureAnalyzer extends AbstractFailureAnalyzer<MissingCoordinationCoreException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingCoordinationCoreException cause) {
		return new FailureAnalysis(cause.getMessage(), "Set coordination.mode=sidecar (and coordination.sidecar.url) "
				+ "to reach the cluster through a sidecar with io.coordination:coordination-client, or remove the "
				+ "exclusion of io.coordination:coordination-core to run a node in this application.", cause);
	}

}
