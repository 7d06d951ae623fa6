package io.coordination.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.coordination.Coordination;
import io.coordination.cluster.RaftPartitionInfo;
import io.coordination.lock.LockLease;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The zero-set-up default: a single-node Raft group on a local data directory, surviving a restart.
 */
class SingleNodeTests {

	@TempDir
	Path data;

	private CoordinationNode node;

	@AfterEach
	void stop() {
		if (this.node != null) {
			this.node.close();
		}
	}

	@Test
	void runsAsItsOwnLeaderAndKeepsTokensIncreasingAcrossARestart() {
		this.node = start();
		Coordination coordination = this.node.coordination();
		long before;
		try (LockLease lease = coordination.lock("orders").lock()) {
			before = lease.fencingToken();
		}
		assertThat(this.node.cluster().partitions()).extracting(RaftPartitionInfo::localRole)
			.containsOnly("LEADER");
		assertThat(this.node.isVoter()).isTrue();
		assertThat(Files.exists(this.data.resolve("coordination"))).isTrue();
		this.node.close();

		this.node = start();
		try (LockLease lease = this.node.coordination().lock("orders").tryLock(Duration.ofSeconds(30)).orElseThrow()) {
			assertThat(lease.fencingToken()).isGreaterThan(before);
		}
	}

	private CoordinationNode start() {
		return CoordinationNode.builder().port(0).dataDirectory(this.data).build().start();
	}

}
