package io.coordination.core.internal.atomix;

import java.util.concurrent.Executor;

/**
 * The local Raft log of one partition as far as durability goes: what must be on disk before this server answers or
 * counts itself. Both operations run on {@link #raftThread()}, the thread that writes the log.
 */
interface DurableLog {

	/**
	 * The Raft server's own thread; the log is written there and only there.
	 * @return its executor
	 */
	Executor raftThread();

	/**
	 * Puts every entry written to the log so far on disk (one sync for all of them), and the directory entries of its
	 * segment files when they changed. Call on {@link #raftThread()}.
	 * @throws LogSyncException if the log could not be synced (now or ever before: a failed sync is not retried)
	 */
	void syncLog();

	/**
	 * Puts the partition's directory entries on disk if files were created or deleted since the last time (a new
	 * snapshot, new segments). Call on {@link #raftThread()}.
	 * @throws LogSyncException if the directory could not be synced
	 */
	void syncDirectory();

}
