package io.coordination.config;

/**
 * Receives the effective configuration of one instance whenever it changes. Runs on a coordination notification
 * thread.
 */
@FunctionalInterface
public interface ConfigListener {

	/**
	 * The effective configuration changed (or is delivered for the first time).
	 * @param config the configuration now effective for the instance
	 */
	void changed(EffectiveConfig config);

}
