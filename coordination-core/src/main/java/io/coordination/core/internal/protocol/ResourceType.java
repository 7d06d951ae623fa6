package io.coordination.core.internal.protocol;

import io.coordination.lock.LockKind;

/**
 * The kinds of resource that are acquired and released with fencing tokens. Each kind is its own namespace.
 */
public enum ResourceType {

	/** Exclusive lock. */
	LOCK,

	/** Read-write lock. */
	RW_LOCK,

	/** Counting semaphore. */
	SEMAPHORE;

	/**
	 * The lock namespace of a lock type.
	 * @return the API kind
	 * @throws IllegalStateException for a semaphore
	 */
	public LockKind lockKind() {
		return switch (this) {
			case LOCK -> LockKind.EXCLUSIVE;
			case RW_LOCK -> LockKind.READ_WRITE;
			case SEMAPHORE -> throw new IllegalStateException("A semaphore is not a lock");
		};
	}

	/**
	 * A short noun for messages.
	 * @return the noun
	 */
	public String noun() {
		return switch (this) {
			case LOCK -> "lock";
			case RW_LOCK -> "read-write lock";
			case SEMAPHORE -> "semaphore";
		};
	}

}
