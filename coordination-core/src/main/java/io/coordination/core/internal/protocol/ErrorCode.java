package io.coordination.core.internal.protocol;

/**
 * Why the state machine refused a command.
 */
public enum ErrorCode {

	/** A name, count or duration is invalid. */
	INVALID_ARGUMENT,

	/** A semaphore exists with another permit count. */
	PERMIT_COUNT_MISMATCH,

	/** A barrier is in use with another party count. */
	PARTIES_MISMATCH,

	/** A read holder asked for the write lock. */
	UPGRADE_NOT_SUPPORTED,

	/** The wait closed a deadlock cycle. */
	DEADLOCK,

	/** The candidate id is already in the group. */
	ALREADY_CANDIDATE,

	/** The owner already entered the double barrier. */
	ALREADY_ENTERED,

	/** The owner has not entered the double barrier. */
	NOT_ENTERED,

	/** The wait limit elapsed on log time. */
	TIMED_OUT,

	/** The request id is already in use in the session. */
	DUPLICATE_REQUEST,

	/** A key, document or instance is not at the expected version. */
	VERSION_CONFLICT,

	/** A configuration change does not parse or violates its schema. */
	CONFIG_INVALID,

	/** The operation needs a staged rollout state the document is not in. */
	ROLLOUT_STATE,

	/** Something named does not exist. */
	NOT_FOUND,

	/** A group member or instance id is taken by another session. */
	ALREADY_EXISTS,

	/** The write would take the stored data past its budget. */
	QUOTA_EXCEEDED,

	/** The state machine failed on a command it should have refused or applied (a bug; nothing else failed). */
	INTERNAL

}
