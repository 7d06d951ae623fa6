package io.coordination.client.internal;

/**
 * The sidecar answered with a problem; callers turn the ones they expect into results, the rest with
 * {@link Problem#toException}.
 */
public final class ProblemException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient Problem problem;

	ProblemException(Problem problem) {
		super(problem.describe());
		this.problem = problem;
	}

	/**
	 * The problem.
	 * @return the problem
	 */
	public Problem problem() {
		return this.problem;
	}

}
