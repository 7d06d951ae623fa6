package io.coordination.core.internal.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

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
		@JsonSubTypes.Type(value = Query.Inspect.class, name = "inspect") })
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

}
