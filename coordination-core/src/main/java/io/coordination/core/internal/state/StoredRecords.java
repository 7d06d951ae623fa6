package io.coordination.core.internal.state;

import java.util.Map;

import io.coordination.config.EffectiveConfig;
import io.coordination.discovery.ServiceInstance;
import io.coordination.group.GroupMember;
import io.coordination.kv.KeyRules;
import io.coordination.kv.KeyValue;

/**
 * Decodes the records that discovery and groups keep in the key-value store, for clients that follow them through
 * watches.
 */
public final class StoredRecords {

	/** Prefix of service instances. */
	public static final String SERVICES = ServiceTable.ROOT;

	/** Prefix of group members. */
	public static final String GROUPS = GroupTable.ROOT;

	/** Prefix of configuration documents. */
	public static final String CONFIG = ConfigTable.ROOT;

	private StoredRecords() {
	}

	/**
	 * A service instance from its key.
	 * @param entry the key
	 * @return the instance
	 */
	public static ServiceInstance instance(KeyValue entry) {
		return ConfigContent.fromJson(entry.value(), ServiceTable.Stored.class).toInstance();
	}

	/**
	 * A group member from its key.
	 * @param group the group
	 * @param entry the key
	 * @return the member
	 */
	public static GroupMember member(String group, KeyValue entry) {
		return GroupTable.member(group, entry);
	}

	/**
	 * The configuration effective for an instance, from the keys of its document (as a watcher keeps them).
	 * @param application application
	 * @param profile profile
	 * @param instanceId the instance
	 * @param labels its labels
	 * @param keys the document's keys by name
	 * @return the effective configuration, or {@code null} if none applies
	 */
	public static EffectiveConfig effective(String application, String profile, String instanceId,
			Map<String, String> labels, Map<String, KeyValue> keys) {
		return ConfigTable.effective(application, profile, instanceId, labels, keys::get);
	}

	/**
	 * The prefix of one document's keys.
	 * @param application application
	 * @param profile profile
	 * @return the prefix
	 */
	public static String configPrefix(String application, String profile) {
		return ConfigTable.ROOT + KeyRules.segment("application", application) + "/"
				+ KeyRules.segment("profile", profile) + "/";
	}

	/**
	 * The prefix of one service's instances.
	 * @param service the service
	 * @return the prefix
	 */
	public static String servicePrefix(String service) {
		return ServiceTable.ROOT + KeyRules.segment("service", service) + "/";
	}

	/**
	 * The prefix of one group's members.
	 * @param group the group
	 * @return the prefix
	 */
	public static String groupPrefix(String group) {
		return GroupTable.ROOT + KeyRules.segment("group", group) + "/";
	}

}
