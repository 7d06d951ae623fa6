package io.coordination.core.internal.state;

import java.util.List;
import java.util.Map;

import io.coordination.barrier.BarrierInfo;
import io.coordination.core.internal.protocol.ResourceType;
import io.coordination.election.Leadership;
import io.coordination.kv.KeyValueEvent;
import io.coordination.lock.DeadlockReport;
import io.coordination.lock.LockMode;

/**
 * The state machine's state as plain data, for Raft snapshots. Everything derived (indexes, timers, the wait-for
 * graph) is rebuilt on restore.
 *
 * @param version format version
 * @param index last applied index
 * @param now log time
 * @param mintIndex index of the last minted token
 * @param mintOrdinal next ordinal at {@code mintIndex}
 * @param sessions open sessions
 * @param resources locks, read-write locks and semaphores in use
 * @param elections elections in use
 * @param barriers barriers in use
 * @param deadlocks retained deadlock reports
 * @param starved resources and groups waiting for tokens
 * @param kv the key-value store
 * @param heartbeats last heartbeats of service TTL checks
 */
record Snapshot(int version, long index, long now, long mintIndex, int mintOrdinal, List<SessionData> sessions,
		List<ResourceData> resources, List<ElectionData> elections, List<BarrierData> barriers,
		List<DeadlockReport> deadlocks, List<Ref> starved, KvData kv, Map<String, Long> heartbeats) {

	static final int VERSION = 1;

	record SessionData(long id, String member) {
	}

	record ResourceData(ResourceType type, String name, int total, List<HoldData> holds, List<WaiterData> waiters) {
	}

	record HoldData(long session, String owner, LockMode mode, int permits, long token, long since, int count,
			long leaseExpiry) {
	}

	record WaiterData(long requestId, long session, String owner, LockMode mode, int permits, long leaseMillis,
			long since, long waitUntil, boolean failOnDeadlock) {
	}

	record ElectionData(String group, List<CandidateData> candidates, Leadership leader, List<Long> watchers) {
	}

	record CandidateData(String id, long session, String owner, Map<String, String> metadata, long since) {
	}

	record BarrierData(String name, BarrierInfo.Type type, int parties, boolean ready, long generation,
			List<EntryData> first, List<EntryData> second) {
	}

	record EntryData(long session, String owner, long requestId) {
	}

	record KvData(long revision, long compacted, List<EntryRecord> entries, List<KeyValueEvent> history,
			Map<String, Long> sequences, List<WatchRecord> watches) {
	}

	record EntryRecord(String key, byte[] value, long createRevision, long modRevision, long version, long ttlMillis,
			long expiry, long session) {
	}

	record WatchRecord(long session, long watchId, String key, boolean prefix) {
	}

}
