package io.coordination.core.internal.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;

import io.coordination.config.ConfigVersion;
import io.coordination.election.Leadership;
import io.coordination.kv.KeyValue;
import io.coordination.kv.KeyValueEvent;
import io.coordination.kv.TxnResult;
import io.coordination.lock.DeadlockReport;

/**
 * What a command returned, or how a waiting request completed.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@r")
@JsonSubTypes({ @JsonSubTypes.Type(value = Result.Granted.class, name = "granted"),
		@JsonSubTypes.Type(value = Result.Queued.class, name = "queued"),
		@JsonSubTypes.Type(value = Result.Busy.class, name = "busy"),
		@JsonSubTypes.Type(value = Result.Done.class, name = "done"),
		@JsonSubTypes.Type(value = Result.Tripped.class, name = "tripped"),
		@JsonSubTypes.Type(value = Result.Joined.class, name = "joined"),
		@JsonSubTypes.Type(value = Result.Failed.class, name = "failed"),
		@JsonSubTypes.Type(value = Result.Entry.class, name = "entry"),
		@JsonSubTypes.Type(value = Result.Count.class, name = "count"),
		@JsonSubTypes.Type(value = Result.Txn.class, name = "txn"),
		@JsonSubTypes.Type(value = Result.Watching.class, name = "watching"),
		@JsonSubTypes.Type(value = Result.Compacted.class, name = "compacted"),
		@JsonSubTypes.Type(value = Result.ConfigVersions.class, name = "config-versions") })
public sealed interface Result {

	/** A request with nothing to say but "done". */
	Done DONE = new Done(true);

	/** A request that changed nothing. */
	Done UNCHANGED = new Done(false);

	/**
	 * Acquired.
	 *
	 * @param token fencing token of the grant (the same token again for a reentrant acquisition)
	 * @param grantedAt log time of the grant, epoch milliseconds
	 * @param holdCount reentrant holds after this acquisition
	 */
	record Granted(long token, long grantedAt, int holdCount) implements Result {
	}

	/**
	 * Waiting: the request completes later with a {@link Event.Completed} event.
	 */
	record Queued() implements Result {
	}

	/**
	 * Not available now, and the request did not want to wait.
	 */
	record Busy() implements Result {
	}

	/**
	 * Done.
	 *
	 * @param changed whether the state changed (for a release: whether something was released)
	 */
	record Done(boolean changed) implements Result {
	}

	/**
	 * A barrier tripped (cyclic), every party entered or every party left (double).
	 *
	 * @param generation the barrier generation that completed
	 */
	record Tripped(long generation) implements Result {
	}

	/**
	 * Joined an election.
	 *
	 * @param leader the group's leadership after joining
	 */
	record Joined(Leadership leader) implements Result {
	}

	/**
	 * Refused.
	 *
	 * @param code why
	 * @param message what, naming the resource and value
	 * @param expected for mismatches: the count the client asked for
	 * @param actual for mismatches: the count on the cluster
	 * @param deadlock for deadlocks: the cycle
	 * @param details for invalid configuration: every violation
	 */
	record Failed(ErrorCode code, String message, long expected, long actual, DeadlockReport deadlock,
			List<String> details) implements Result {

		/**
		 * A refusal without a list of details.
		 * @param code why
		 * @param message what
		 * @param expected expected count or version
		 * @param actual actual count or version
		 * @param deadlock the cycle or {@code null}
		 */
		public Failed(ErrorCode code, String message, long expected, long actual, DeadlockReport deadlock) {
			this(code, message, expected, actual, deadlock, List.of());
		}

		/**
		 * A refusal without details.
		 * @param code why
		 * @param message what
		 * @return the result
		 */
		public static Failed of(ErrorCode code, String message) {
			return new Failed(code, message, 0, 0, null);
		}

	}

	/**
	 * A key as written.
	 *
	 * @param entry the entry
	 */
	record Entry(KeyValue entry) implements Result {
	}

	/**
	 * How many things changed (keys deleted by prefix).
	 *
	 * @param count the count
	 */
	record Count(long count) implements Result {
	}

	/**
	 * What a transaction did.
	 *
	 * @param result the outcome
	 */
	record Txn(TxnResult result) implements Result {
	}

	/**
	 * A watch started.
	 *
	 * @param revision the revision it started at
	 * @param past the changes it matches from the requested revision up to {@code revision}
	 */
	record Watching(long revision, List<KeyValueEvent> past) implements Result {
	}

	/**
	 * A watch asked for history that is gone.
	 *
	 * @param requested revision asked for
	 * @param compacted highest revision no longer kept
	 * @param current current revision
	 */
	record Compacted(long requested, long compacted, long current) implements Result {
	}


	/**
	 * Configuration versions written or affected by a command.
	 *
	 * @param versions the versions, in the order of the command's documents
	 */
	record ConfigVersions(List<ConfigVersion> versions) implements Result {
	}

}
