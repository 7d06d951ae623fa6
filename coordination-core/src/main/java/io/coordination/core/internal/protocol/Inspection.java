package io.coordination.core.internal.protocol;

import java.util.List;

import io.coordination.barrier.BarrierInfo;
import io.coordination.election.ElectionInfo;
import io.coordination.lock.DeadlockReport;
import io.coordination.lock.LockInfo;
import io.coordination.semaphore.SemaphoreInfo;

/**
 * The whole coordination state, for operators.
 *
 * @param locks locks and read-write locks in use
 * @param semaphores semaphores in use
 * @param elections elections with candidates
 * @param barriers barriers in use
 * @param deadlocks recent deadlock reports
 */
public record Inspection(List<LockInfo> locks, List<SemaphoreInfo> semaphores, List<ElectionInfo> elections,
		List<BarrierInfo> barriers, List<DeadlockReport> deadlocks) {
}
