package io.coordination.core.internal.protocol;

/**
 * Budgets of the stored data, carried by every batch so that every replica applies the ones its submitter was
 * configured with (the same bytes in the log on every replica: deterministic). A batch without them, from an older
 * member, gets the defaults.
 *
 * @param maxBytes most bytes of keys and values the key-value store holds (configuration, registrations and group
 * members are keys too); a write that would grow it past this is refused
 * @param historyMaxBytes most bytes of keys and values the change history keeps for watches; the oldest changes are
 * dropped beyond it (watches resuming before them are told the history is compacted)
 */
public record StoreLimits(long maxBytes, long historyMaxBytes) {

	/** 64 MiB of keys and values, 16 MiB of history. */
	public static final StoreLimits DEFAULT = new StoreLimits(64L * 1024 * 1024, 16L * 1024 * 1024);

	/**
	 * Checks the budgets.
	 * @param maxBytes key-value budget
	 * @param historyMaxBytes history budget
	 */
	public StoreLimits {
		if (maxBytes < 1024 * 1024) {
			throw new IllegalArgumentException("kv max-bytes must be at least 1 MiB: " + maxBytes);
		}
		if (historyMaxBytes < 1024 * 1024) {
			throw new IllegalArgumentException("kv history-max-bytes must be at least 1 MiB: " + historyMaxBytes);
		}
	}

}
