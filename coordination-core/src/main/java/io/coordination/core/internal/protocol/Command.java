package io.coordination.core.internal.protocol;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.coordination.lock.LockMode;

/**
 * A state-changing operation, applied by the state machine at one Raft index. Owners are strings chosen by the client
 * and scoped to the session that submits the command.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@c")
@JsonSubTypes({ @JsonSubTypes.Type(value = Command.Acquire.class, name = "acquire"),
		@JsonSubTypes.Type(value = Command.Release.class, name = "release"),
		@JsonSubTypes.Type(value = Command.Cancel.class, name = "cancel"),
		@JsonSubTypes.Type(value = Command.ForceRelease.class, name = "force"),
		@JsonSubTypes.Type(value = Command.Join.class, name = "join"),
		@JsonSubTypes.Type(value = Command.Leave.class, name = "leave"),
		@JsonSubTypes.Type(value = Command.Watch.class, name = "watch"),
		@JsonSubTypes.Type(value = Command.AwaitBarrier.class, name = "await"),
		@JsonSubTypes.Type(value = Command.EnterDoubleBarrier.class, name = "enter"),
		@JsonSubTypes.Type(value = Command.LeaveDoubleBarrier.class, name = "exit"),
		@JsonSubTypes.Type(value = Command.Ping.class, name = "ping") })
public sealed interface Command {

	/**
	 * Acquire a lock, a side of a read-write lock, or semaphore permits.
	 *
	 * @param requestId client-chosen id, unique within the session, that a later grant or failure refers to
	 * @param type resource kind
	 * @param name resource name
	 * @param owner owner within the session
	 * @param mode EXCLUSIVE for locks, READ or WRITE for read-write locks, EXCLUSIVE for semaphores
	 * @param permits permits asked for (1 for locks)
	 * @param totalPermits the semaphore's total the client expects (0 for locks)
	 * @param leaseMillis lease time on log time, 0 for none
	 * @param waitMillis -1 to wait without limit, 0 not to wait, otherwise the longest wait on log time
	 * @param failOnDeadlock whether to fail this request if its wait closes a deadlock cycle
	 */
	record Acquire(long requestId, ResourceType type, String name, String owner, LockMode mode, int permits,
			int totalPermits, long leaseMillis, long waitMillis, boolean failOnDeadlock) implements Command {
	}

	/**
	 * Release one hold (a reentrant hold count is decremented).
	 *
	 * @param type resource kind
	 * @param name resource name
	 * @param owner owner within the session
	 * @param mode the mode held
	 * @param token fencing token of the hold; a release naming an older token does nothing
	 */
	record Release(ResourceType type, String name, String owner, LockMode mode, long token) implements Command {
	}

	/**
	 * Withdraw a waiting request (acquire, barrier await, double barrier enter or leave).
	 *
	 * @param requestId the request to withdraw
	 */
	record Cancel(long requestId) implements Command {
	}

	/**
	 * Release a resource whoever holds it; holders are told.
	 *
	 * @param type resource kind
	 * @param name resource name
	 */
	record ForceRelease(ResourceType type, String name) implements Command {
	}

	/**
	 * Join an election group as a candidate.
	 *
	 * @param group the group
	 * @param candidateId the candidate's id, unique within the group
	 * @param owner owner within the session
	 * @param metadata data published with the candidacy
	 */
	record Join(String group, String candidateId, String owner, Map<String, String> metadata) implements Command {
	}

	/**
	 * Leave an election group.
	 *
	 * @param group the group
	 * @param candidateId the candidate's id
	 */
	record Leave(String group, String candidateId) implements Command {
	}

	/**
	 * Start or stop receiving leadership changes of a group.
	 *
	 * @param group the group
	 * @param on whether to receive them
	 */
	record Watch(String group, boolean on) implements Command {
	}

	/**
	 * Wait at a cyclic barrier.
	 *
	 * @param requestId request id the trip refers to
	 * @param name barrier name
	 * @param owner owner within the session
	 * @param parties the party count the client expects
	 */
	record AwaitBarrier(long requestId, String name, String owner, int parties) implements Command {
	}

	/**
	 * Enter a double barrier.
	 *
	 * @param requestId request id the completion refers to
	 * @param name barrier name
	 * @param owner owner within the session
	 * @param parties the party count the client expects
	 */
	record EnterDoubleBarrier(long requestId, String name, String owner, int parties) implements Command {
	}

	/**
	 * Leave a double barrier.
	 *
	 * @param requestId request id the completion refers to
	 * @param name barrier name
	 * @param owner owner within the session
	 */
	record LeaveDoubleBarrier(long requestId, String name, String owner) implements Command {
	}

	/**
	 * Does nothing but advance log time and prove the session alive.
	 */
	record Ping() implements Command {
	}

}
