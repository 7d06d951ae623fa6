package io.coordination.core.internal.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.Map;

import io.coordination.barrier.BarrierInfo;

/**
 * A read of the state machine; changes nothing.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@q")
@JsonSubTypes({ @JsonSubTypes.Type(value = Query.DescribeLock.class, name = "lock"),
		@JsonSubTypes.Type(value = Query.DescribeSemaphore.class, name = "semaphore"),
		@JsonSubTypes.Type(value = Query.DescribeElection.class, name = "election"),
		@JsonSubTypes.Type(value = Query.DescribeBarrier.class, name = "barrier"),
		@JsonSubTypes.Type(value = Query.IsHeld.class, name = "held"),
		@JsonSubTypes.Type(value = Query.Inspect.class, name = "inspect"),
		@JsonSubTypes.Type(value = Query.KvGet.class, name = "kv-get"),
		@JsonSubTypes.Type(value = Query.KvRange.class, name = "kv-range"),
		@JsonSubTypes.Type(value = Query.KvRevision.class, name = "kv-revision"),
		@JsonSubTypes.Type(value = Query.ConfigDocumentQuery.class, name = "config-document"),
		@JsonSubTypes.Type(value = Query.ConfigHistory.class, name = "config-history"),
		@JsonSubTypes.Type(value = Query.ConfigEffective.class, name = "config-effective"),
		@JsonSubTypes.Type(value = Query.ServiceInstances.class, name = "service-instances"),
		@JsonSubTypes.Type(value = Query.ServiceNames.class, name = "service-names"),
		@JsonSubTypes.Type(value = Query.GroupMembers.class, name = "group-members") })
public sealed interface Query {

	/**
	 * A lock's holders and waiters; answers a {@link io.coordination.lock.LockInfo}.
	 *
	 * @param type LOCK or RW_LOCK
	 * @param name lock name
	 */
	record DescribeLock(ResourceType type, String name) implements Query {
	}

	/**
	 * A semaphore's state; answers a {@link io.coordination.semaphore.SemaphoreInfo} (with the given total if it is
	 * not in use).
	 *
	 * @param name semaphore name
	 * @param permits total to report if the semaphore is not in use
	 */
	record DescribeSemaphore(String name, int permits) implements Query {
	}

	/**
	 * An election's state; answers an {@link io.coordination.election.ElectionInfo}.
	 *
	 * @param group the group
	 */
	record DescribeElection(String group) implements Query {
	}

	/**
	 * A barrier's state; answers a {@link BarrierInfo}.
	 *
	 * @param name barrier name
	 * @param type cyclic or double
	 * @param parties party count to report if the barrier is not in use
	 */
	record DescribeBarrier(String name, BarrierInfo.Type type, int parties) implements Query {
	}

	/**
	 * Whether a token belongs to a current holder; answers a {@code Boolean}.
	 *
	 * @param type resource kind
	 * @param name resource name
	 * @param token the token
	 */
	record IsHeld(ResourceType type, String name, long token) implements Query {
	}

	/**
	 * Everything; answers an {@link Inspection}.
	 */
	record Inspect() implements Query {
	}

	/**
	 * One key; answers a {@link io.coordination.kv.KeyValue} or {@code null}.
	 *
	 * @param key the key
	 */
	record KvGet(String key) implements Query {
	}

	/**
	 * Keys by prefix ({@code to} null, {@code prefix} true) or in {@code [from, to)}; answers a {@link KeyList}.
	 *
	 * @param from prefix, or first key
	 * @param to end (exclusive) of a range, or {@code null}
	 * @param prefix whether {@code from} is a prefix
	 * @param limit most entries
	 */
	record KvRange(String from, String to, boolean prefix, int limit) implements Query {
	}

	/**
	 * The current revision; answers a {@code Long}.
	 */
	record KvRevision() implements Query {
	}

	/**
	 * A configuration document; answers a {@link io.coordination.config.ConfigDocument} or {@code null}.
	 *
	 * @param application application
	 * @param profile profile
	 */
	record ConfigDocumentQuery(String application, String profile) implements Query {
	}

	/**
	 * Kept versions; answers a {@link Listing} of {@link io.coordination.config.ConfigVersion}.
	 *
	 * @param application application
	 * @param profile profile
	 */
	record ConfigHistory(String application, String profile) implements Query {
	}

	/**
	 * The version effective for an instance; answers an {@link io.coordination.config.EffectiveConfig} or
	 * {@code null}.
	 *
	 * @param application application
	 * @param profile profile
	 * @param instanceId instance
	 * @param labels its labels
	 */
	record ConfigEffective(String application, String profile, String instanceId, Map<String, String> labels)
			implements Query {
	}

	/**
	 * Instances of a service; answers a {@link Listing} of {@link io.coordination.discovery.ServiceInstance}.
	 *
	 * @param service the service
	 */
	record ServiceInstances(String service) implements Query {
	}

	/**
	 * Services with instances; answers a {@link Listing} of {@code String}.
	 */
	record ServiceNames() implements Query {
	}

	/**
	 * Members of a group; answers a {@link Listing} of {@link io.coordination.group.GroupMember}.
	 *
	 * @param group the group
	 */
	record GroupMembers(String group) implements Query {
	}

}
