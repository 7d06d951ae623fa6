package io.coordination.core.internal.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;

import io.coordination.LostReason;
import io.coordination.election.Leadership;
import io.coordination.kv.KeyValueEvent;
import io.coordination.lock.LockMode;

/**
 * What the state machine tells one session without being asked: a waiting request completed, a lease was lost, a
 * leader changed.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@e")
@JsonSubTypes({ @JsonSubTypes.Type(value = Event.Completed.class, name = "completed"),
		@JsonSubTypes.Type(value = Event.LeaseLost.class, name = "lost"),
		@JsonSubTypes.Type(value = Event.LeaderChanged.class, name = "leader"),
		@JsonSubTypes.Type(value = Event.KvChanged.class, name = "kv") })
public sealed interface Event {

	/**
	 * A waiting request completed.
	 *
	 * @param requestId the request
	 * @param result granted, tripped or failed
	 */
	record Completed(long requestId, Result result) implements Event {
	}

	/**
	 * A hold was lost (lease time elapsed, operator release).
	 *
	 * @param type resource kind
	 * @param name resource name
	 * @param owner owner within the session
	 * @param mode the mode held
	 * @param token fencing token of the lost hold
	 * @param reason why
	 */
	record LeaseLost(ResourceType type, String name, String owner, LockMode mode, long token, LostReason reason)
			implements Event {
	}

	/**
	 * A group's leader changed.
	 *
	 * @param group the group
	 * @param leader the new leadership, or {@code null} when the group has no candidate left
	 */
	record LeaderChanged(String group, Leadership leader) implements Event {
	}

	/**
	 * Keys a watch matches changed at one revision.
	 *
	 * @param watchId the watch
	 * @param events the changes
	 */
	record KvChanged(long watchId, List<KeyValueEvent> events) implements Event {
	}

}
