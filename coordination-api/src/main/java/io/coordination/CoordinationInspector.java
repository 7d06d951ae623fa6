package io.coordination;

import java.util.List;

import io.coordination.barrier.BarrierInfo;
import io.coordination.election.ElectionInfo;
import io.coordination.lock.DeadlockReport;
import io.coordination.lock.LockInfo;
import io.coordination.semaphore.SemaphoreInfo;

/**
 * Read-only, cluster-wide view of the coordination state: who holds what, who waits, since when. Every call is a
 * linearizable read.
 */
public interface CoordinationInspector {

	/**
	 * Exclusive and read-write locks currently held or waited for.
	 * @return the locks, sorted by kind and name
	 */
	List<LockInfo> locks();

	/**
	 * Semaphores known to the cluster.
	 * @return the semaphores, sorted by name
	 */
	List<SemaphoreInfo> semaphores();

	/**
	 * Election groups with at least one candidate.
	 * @return the elections, sorted by group
	 */
	List<ElectionInfo> elections();

	/**
	 * Barriers with participants waiting or inside.
	 * @return the barriers, sorted by name
	 */
	List<BarrierInfo> barriers();

	/**
	 * Deadlocks detected recently, most recent last (the cluster keeps the last
	 * {@value DeadlockReport#RETAINED} reports).
	 * @return the reports
	 */
	List<DeadlockReport> deadlocks();

}
