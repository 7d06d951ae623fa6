package io.coordination.autoconfigure.config;

import java.util.Set;

/**
 * Applies changed properties to beans after the environment was updated (rebinding, refresh scope).
 */
@FunctionalInterface
public interface ConfigRefresher {

	/**
	 * The environment changed.
	 * @param changedKeys the properties added, removed or changed
	 */
	void refresh(Set<String> changedKeys);

}
