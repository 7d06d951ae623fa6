package io.coordination.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

import io.coordination.core.ClusterJoinTimeoutException;

/**
 * Explains a member that could not join its cluster at start-up: a client member usually is one by mistake (its port
 * or host is not the one of its entry in the member list); a voter did not find a majority of the voters.
 */
class ClusterJoinFailureAnalyzer implements FailureAnalyzer {

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		Throwable cause = Causes.find(failure, "io.coordination.core.ClusterJoinTimeoutException");
		return (cause != null) ? analyze((ClusterJoinTimeoutException) cause) : null;
	}

	private static FailureAnalysis analyze(ClusterJoinTimeoutException cause) {
		String action = cause.voter() ? """
				Start a majority of the voters %s: they wait for one another up to coordination.start-timeout. \
				Check that they reach each other's coordination.node.host and coordination.node.port (firewall, \
				NetworkPolicy), that they share coordination.cluster.id and coordination.cluster.members, and, with \
				messaging TLS, that their certificates come from the same cluster CA.""".formatted(cause.voters())
				: """
						If this process is meant to be one of the voters, give it its entry in \
						coordination.cluster.members: set coordination.node.port and coordination.node.host to that \
						entry's port and host (a forgotten coordination.node.port is the usual cause), or \
						coordination.node.id to its id. If it is meant to be a client member, start a majority of \
						the voters %s first.""".formatted(cause.voters());
		return new FailureAnalysis(cause.getMessage(), action, cause);
	}

}
