package io.coordination.core.internal.client;

import java.util.List;

import io.coordination.CoordinationInspector;
import io.coordination.barrier.BarrierInfo;
import io.coordination.core.internal.protocol.Inspection;
import io.coordination.core.internal.protocol.Query;
import io.coordination.election.ElectionInfo;
import io.coordination.lock.DeadlockReport;
import io.coordination.lock.LockInfo;
import io.coordination.semaphore.SemaphoreInfo;

/**
 * Reads the whole coordination state.
 */
final class DefaultInspector implements CoordinationInspector {

	private final EmbeddedCoordination client;

	DefaultInspector(EmbeddedCoordination client) {
		this.client = client;
	}

	private Inspection inspect() {
		return (Inspection) this.client.query(new Query.Inspect(), "inspect the coordination state");
	}

	@Override
	public List<LockInfo> locks() {
		return inspect().locks();
	}

	@Override
	public List<SemaphoreInfo> semaphores() {
		return inspect().semaphores();
	}

	@Override
	public List<ElectionInfo> elections() {
		return inspect().elections();
	}

	@Override
	public List<BarrierInfo> barriers() {
		return inspect().barriers();
	}

	@Override
	public List<DeadlockReport> deadlocks() {
		return inspect().deadlocks();
	}

}
