package io.coordination.core.internal.client;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.coordination.CoordinationException;
import io.coordination.CoordinationInterruptedException;
import io.coordination.InputRules;
import io.coordination.core.internal.protocol.Query;
import io.coordination.election.Candidacy;
import io.coordination.election.ElectionInfo;
import io.coordination.election.LeaderElection;
import io.coordination.election.Leadership;
import io.coordination.election.LeadershipListener;

/**
 * A handle to one election group.
 */
final class DefaultLeaderElection implements LeaderElection {

	private final EmbeddedCoordination client;

	private final ElectionRegistry registry;

	private final String group;

	DefaultLeaderElection(EmbeddedCoordination client, ElectionRegistry registry, String group) {
		this.client = client;
		this.registry = registry;
		this.group = group;
	}

	@Override
	public String group() {
		return this.group;
	}

	@Override
	public Candidacy join() {
		return join(this.client.memberId(), Map.of());
	}

	@Override
	public Candidacy join(String candidateId, Map<String, String> metadata) {
		InputRules.name("candidate", candidateId);
		InputRules.metadata(Objects.requireNonNull(metadata, "metadata"));
		return this.registry.join(this.group, candidateId, metadata);
	}

	@Override
	public Optional<Leadership> leader() {
		return Optional.ofNullable(info().leader());
	}

	@Override
	public Optional<Leadership> awaitLeader(Duration timeout) {
		Objects.requireNonNull(timeout, "timeout");
		CompletableFuture<Leadership> elected = new CompletableFuture<>();
		try (AutoCloseable watch = addListener(elected::complete)) {
			Optional<Leadership> now = leader();
			if (now.isPresent()) {
				return now;
			}
			return Optional.of(elected.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
		}
		catch (TimeoutException ex) {
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CoordinationInterruptedException("Interrupted while waiting for a leader of '" + this.group + "'",
					ex);
		}
		catch (ExecutionException ex) {
			throw new CoordinationException("Failed waiting for a leader of '" + this.group + "'", ex.getCause());
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new CoordinationException("Failed to stop watching '" + this.group + "'", ex);
		}
	}

	@Override
	public ElectionInfo info() {
		return (ElectionInfo) this.client.query(new Query.DescribeElection(this.group),
				"describe election group '" + this.group + "'");
	}

	@Override
	public AutoCloseable addListener(LeadershipListener listener) {
		return this.registry.watch(this.group, Objects.requireNonNull(listener, "listener"));
	}

	@Override
	public String toString() {
		return "election group '" + this.group + "'";
	}

}
