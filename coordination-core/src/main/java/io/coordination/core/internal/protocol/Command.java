package io.coordination.core.internal.protocol;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.coordination.config.ConfigChange;
import io.coordination.config.Rollout;
import io.coordination.discovery.HealthStatus;
import io.coordination.discovery.ServiceRegistration;
import io.coordination.kv.Compare;
import io.coordination.kv.Op;
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
		@JsonSubTypes.Type(value = Command.Ping.class, name = "ping"),
		@JsonSubTypes.Type(value = Command.KvPut.class, name = "kv-put"),
		@JsonSubTypes.Type(value = Command.KvDelete.class, name = "kv-delete"),
		@JsonSubTypes.Type(value = Command.KvSequential.class, name = "kv-sequential"),
		@JsonSubTypes.Type(value = Command.KvRefresh.class, name = "kv-refresh"),
		@JsonSubTypes.Type(value = Command.KvTxn.class, name = "kv-txn"),
		@JsonSubTypes.Type(value = Command.KvWatch.class, name = "kv-watch"),
		@JsonSubTypes.Type(value = Command.KvUnwatch.class, name = "kv-unwatch"),
		@JsonSubTypes.Type(value = Command.ConfigApply.class, name = "config-apply"),
		@JsonSubTypes.Type(value = Command.ConfigRollback.class, name = "config-rollback"),
		@JsonSubTypes.Type(value = Command.ConfigPromote.class, name = "config-promote"),
		@JsonSubTypes.Type(value = Command.ConfigAbort.class, name = "config-abort"),
		@JsonSubTypes.Type(value = Command.ConfigConfigure.class, name = "config-configure"),
		@JsonSubTypes.Type(value = Command.ServiceRegister.class, name = "service-register"),
		@JsonSubTypes.Type(value = Command.ServiceHeartbeat.class, name = "service-heartbeat"),
		@JsonSubTypes.Type(value = Command.ServiceHealth.class, name = "service-health"),
		@JsonSubTypes.Type(value = Command.ServiceDeregister.class, name = "service-deregister"),
		@JsonSubTypes.Type(value = Command.GroupJoin.class, name = "group-join"),
		@JsonSubTypes.Type(value = Command.GroupLeave.class, name = "group-leave") })
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
	 * Release a resource whoever holds it, or only the hold with a given token; holders are told.
	 *
	 * @param type resource kind
	 * @param name resource name
	 * @param fencingToken the only hold to release, or {@code null} for every hold
	 */
	record ForceRelease(ResourceType type, String name, Long fencingToken) implements Command {

		/**
		 * Releases every hold.
		 * @param type resource kind
		 * @param name resource name
		 */
		public ForceRelease(ResourceType type, String name) {
			this(type, name, null);
		}

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

	/**
	 * Write a key.
	 *
	 * @param key the key
	 * @param value the value
	 * @param expectedVersion -1 for any, 0 for absent, or the version the key must be at
	 * @param ttlMillis time to live, 0 for none
	 * @param ephemeral whether the key is bound to the session
	 */
	record KvPut(String key, byte[] value, long expectedVersion, long ttlMillis, boolean ephemeral) implements Command {
	}

	/**
	 * Delete a key or every key with a prefix.
	 *
	 * @param key the key or prefix
	 * @param expectedVersion -1 for any, or the version the key must be at (keys only)
	 * @param prefix whether {@code key} is a prefix
	 */
	record KvDelete(String key, long expectedVersion, boolean prefix) implements Command {
	}

	/**
	 * Create the next sequential key of a prefix.
	 *
	 * @param prefix the prefix
	 * @param value the value
	 * @param ttlMillis time to live, 0 for none
	 * @param ephemeral whether the key is bound to the session
	 */
	record KvSequential(String prefix, byte[] value, long ttlMillis, boolean ephemeral) implements Command {
	}

	/**
	 * Extend a TTL key.
	 *
	 * @param key the key
	 */
	record KvRefresh(String key) implements Command {
	}

	/**
	 * A multi-key transaction.
	 *
	 * @param compares conditions
	 * @param then operations if they hold
	 * @param otherwise operations if not
	 */
	record KvTxn(List<Compare> compares, List<Op> then, List<Op> otherwise) implements Command {
	}

	/**
	 * Start a watch; changes arrive as {@link Event.KvChanged}.
	 *
	 * @param watchId id within the session
	 * @param key key or prefix
	 * @param prefix whether it is a prefix
	 * @param fromRevision first revision to deliver, 0 for what comes next
	 */
	record KvWatch(long watchId, String key, boolean prefix, long fromRevision) implements Command {
	}

	/**
	 * Stop a watch.
	 *
	 * @param watchId id within the session
	 */
	record KvUnwatch(long watchId) implements Command {
	}

	/**
	 * Apply configuration changes atomically, to everyone or staged.
	 *
	 * @param changes the changes, one per document
	 * @param rollout who gets them first, or {@code null} to apply them to everyone
	 */
	record ConfigApply(List<ConfigChange> changes, Rollout rollout) implements Command {
	}

	/**
	 * Restore a kept version as a new version.
	 *
	 * @param application application
	 * @param profile profile
	 * @param version the version to restore
	 * @param author who
	 * @param message why
	 */
	record ConfigRollback(String application, String profile, long version, String author, String message)
			implements Command {
	}

	/**
	 * Make a staged candidate active for everyone.
	 *
	 * @param application application
	 * @param profile profile
	 * @param author who
	 */
	record ConfigPromote(String application, String profile, String author) implements Command {
	}

	/**
	 * Drop a staged candidate.
	 *
	 * @param application application
	 * @param profile profile
	 * @param author who
	 */
	record ConfigAbort(String application, String profile, String author) implements Command {
	}

	/**
	 * Set a document's schema and history depth.
	 *
	 * @param application application
	 * @param profile profile
	 * @param schema JSON Schema or {@code null}
	 * @param historyLimit versions kept
	 */
	record ConfigConfigure(String application, String profile, String schema, int historyLimit) implements Command {
	}

	/**
	 * Register (or replace) a service instance.
	 *
	 * @param registration what to register
	 */
	record ServiceRegister(ServiceRegistration registration) implements Command {
	}

	/**
	 * Pass an instance's TTL check.
	 *
	 * @param service service
	 * @param instanceId instance id
	 */
	record ServiceHeartbeat(String service, String instanceId) implements Command {
	}

	/**
	 * Report an instance's health.
	 *
	 * @param service service
	 * @param instanceId instance id
	 * @param status health
	 * @param output what the check said
	 */
	record ServiceHealth(String service, String instanceId, HealthStatus status, String output) implements Command {
	}

	/**
	 * Remove an instance.
	 *
	 * @param service service
	 * @param instanceId instance id
	 */
	record ServiceDeregister(String service, String instanceId) implements Command {
	}

	/**
	 * Join a group, bound to the session.
	 *
	 * @param group the group
	 * @param memberId member id
	 * @param metadata what to publish
	 */
	record GroupJoin(String group, String memberId, Map<String, String> metadata) implements Command {
	}

	/**
	 * Leave a group.
	 *
	 * @param group the group
	 * @param memberId member id
	 */
	record GroupLeave(String group, String memberId) implements Command {
	}

}
