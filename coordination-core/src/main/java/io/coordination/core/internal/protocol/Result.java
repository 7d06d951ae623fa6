package io.coordination.core.internal.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.coordination.election.Leadership;
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
		@JsonSubTypes.Type(value = Result.Failed.class, name = "failed") })
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
	 */
	record Failed(ErrorCode code, String message, int expected, int actual, DeadlockReport deadlock)
			implements Result {

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

}
