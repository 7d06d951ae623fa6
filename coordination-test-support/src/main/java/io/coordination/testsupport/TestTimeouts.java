package io.coordination.testsupport;

import java.time.Duration;

/**
 * Timeouts for tests against real clusters, scaled by the system property {@code coordination.test.timeout-factor}
 * (default 1) so that a slow or loaded machine can be given more time without editing tests.
 */
public final class TestTimeouts {

	private TestTimeouts() {
	}

	/**
	 * The factor all timeouts are multiplied by.
	 * @return the factor
	 */
	public static double factor() {
		String value = System.getProperty("coordination.test.timeout-factor", "1");
		try {
			double factor = Double.parseDouble(value);
			return (factor > 0) ? factor : 1;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("coordination.test.timeout-factor must be a number: " + value, ex);
		}
	}

	/**
	 * Scales a timeout.
	 * @param timeout the timeout on a fast machine
	 * @return the scaled timeout
	 */
	public static Duration scaled(Duration timeout) {
		return Duration.ofMillis((long) (timeout.toMillis() * factor()));
	}

	/**
	 * Scales a number of seconds.
	 * @param seconds seconds on a fast machine
	 * @return the scaled timeout
	 */
	public static Duration seconds(long seconds) {
		return scaled(Duration.ofSeconds(seconds));
	}

}
