package io.coordination.autoconfigure.diagnostics;

/**
 * Finds a cause by class name: a sidecar-mode application may run without coordination-core, whose exception types
 * the analyzers must not load before one is there.
 */
final class Causes {

	private Causes() {
	}

	static Throwable find(Throwable failure, String className) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (candidate.getClass().getName().equals(className)) {
				return candidate;
			}
			if (candidate.getCause() == candidate) {
				break;
			}
		}
		return null;
	}

}
