package io.coordination.core.internal.atomix;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

import io.atomix.cluster.MemberId;
import io.atomix.cluster.messaging.ClusterCommunicationService;
import io.atomix.protocols.raft.protocol.AppendRequest;
import io.atomix.protocols.raft.protocol.AppendResponse;
import io.atomix.protocols.raft.protocol.RaftResponse;

/**
 * The messaging of a Raft partition group, with the log put on disk where Raft requires it:
 * <ul>
 * <li>a follower answers an append request successfully only once what its log holds is synced;</li>
 * <li>the leader syncs what it has written when it sends entries, and the answer to that request reaches Raft only
 * after that sync: it never counts itself towards a commit with entries that are only in its page cache (the sync
 * runs while the followers write theirs, not before they are sent);</li>
 * <li>a vote, or an installed snapshot, is answered once the partition's directory is synced (the metadata file and
 * the snapshot are synced by Atomix, their directory entries are not).</li>
 * </ul>
 * Everything else passes through. The messages are the ones Atomix's {@code RaftServerCommunicator} sends for each
 * partition, {@code <partition name>-append} and so on.
 */
final class LogSyncMessaging implements ClusterCommunicationService {

	private enum Kind {

		APPEND, VOTE, INSTALL

	}

	private final ClusterCommunicationService delegate;

	private final Map<String, Target> targets = new HashMap<>();

	private final Function<String, Optional<DurableLog>> logs;

	/**
	 * Wraps the messaging of a partition group.
	 * @param delegate Atomix's messaging
	 * @param partitionNames names of the group's partitions (their message subjects start with them)
	 * @param logs the local log of a partition by name; empty while its server is not built yet
	 */
	LogSyncMessaging(ClusterCommunicationService delegate, Set<String> partitionNames,
			Function<String, Optional<DurableLog>> logs) {
		this.delegate = delegate;
		this.logs = logs;
		for (String partition : partitionNames) {
			this.targets.put(partition + "-append", new Target(partition, Kind.APPEND));
			this.targets.put(partition + "-vote", new Target(partition, Kind.VOTE));
			this.targets.put(partition + "-install", new Target(partition, Kind.INSTALL));
		}
	}

	@Override
	public <M, R> CompletableFuture<Void> subscribe(String subject, Function<byte[], M> decoder,
			Function<M, CompletableFuture<R>> handler, Function<R, byte[]> encoder) {
		Target target = this.targets.get(subject);
		if (target == null) {
			return this.delegate.subscribe(subject, decoder, handler, encoder);
		}
		return this.delegate.subscribe(subject, decoder,
				(M request) -> persistBeforeAnswer(target, request, handler.apply(request)), encoder);
	}

	private <M, R> CompletableFuture<R> persistBeforeAnswer(Target target, M request, CompletableFuture<R> answer) {
		// every successful append answer, a heartbeat's too: it tells the leader how far the log matches, which may
		// cover entries of an earlier request whose own answer (and sync) is still queued; the sync is a no-op when
		// nothing new was written
		DurableLog log = this.logs.apply(target.partition()).orElse(null);
		if (log == null) {
			// Atomix answers before our hook exists only while its server is being built, when it rejects everything;
			// an answer that claims otherwise is refused rather than sent unsynced
			return answer.thenCompose((response) -> claimsWrite(target, response) ? CompletableFuture.failedFuture(
					new IllegalStateException("Raft log sync of " + target.partition() + " is not ready"))
					: CompletableFuture.completedFuture(response));
		}
		return answer.thenApplyAsync((response) -> {
			if (claimsWrite(target, response)) {
				if (target.kind() == Kind.APPEND) {
					log.syncLog();
				}
				else {
					log.syncDirectory();
				}
			}
			return response;
		}, log.raftThread());
	}

	private static boolean claimsWrite(Target target, Object response) {
		if (!(response instanceof RaftResponse raft) || raft.status() != RaftResponse.Status.OK) {
			return false;
		}
		return target.kind() != Kind.APPEND || ((AppendResponse) response).succeeded();
	}

	@Override
	public <M, R> CompletableFuture<R> send(String subject, M message, Function<M, byte[]> encoder,
			Function<byte[], R> decoder, MemberId toMemberId, Duration timeout) {
		Target target = this.targets.get(subject);
		if (target == null || target.kind() != Kind.APPEND
				|| !(message instanceof AppendRequest append && !append.entries().isEmpty())) {
			return this.delegate.send(subject, message, encoder, decoder, toMemberId, timeout);
		}
		Optional<DurableLog> log = this.logs.apply(target.partition());
		if (log.isEmpty()) {
			return CompletableFuture.failedFuture(
					new IllegalStateException("Raft log sync of " + target.partition() + " is not ready"));
		}
		CompletableFuture<Void> synced = syncOn(log.get());
		return this.delegate.send(subject, message, encoder, decoder, toMemberId, timeout)
			.thenCombine(synced, (response, ignored) -> response);
	}

	private static CompletableFuture<Void> syncOn(DurableLog log) {
		CompletableFuture<Void> synced = new CompletableFuture<>();
		Executor thread = log.raftThread();
		thread.execute(() -> {
			try {
				log.syncLog();
				synced.complete(null);
			}
			catch (RuntimeException ex) {
				synced.completeExceptionally(ex);
			}
		});
		return synced;
	}

	@Override
	public <M> void broadcast(String subject, M message, Function<M, byte[]> encoder, boolean reliable) {
		this.delegate.broadcast(subject, message, encoder, reliable);
	}

	@Override
	public <M> void broadcastIncludeSelf(String subject, M message, Function<M, byte[]> encoder, boolean reliable) {
		this.delegate.broadcastIncludeSelf(subject, message, encoder, reliable);
	}

	@Override
	public <M> CompletableFuture<Void> unicast(String subject, M message, Function<M, byte[]> encoder,
			MemberId toMemberId, boolean reliable) {
		return this.delegate.unicast(subject, message, encoder, toMemberId, reliable);
	}

	@Override
	public <M> void multicast(String subject, M message, Function<M, byte[]> encoder, Set<MemberId> memberIds,
			boolean reliable) {
		this.delegate.multicast(subject, message, encoder, memberIds, reliable);
	}

	@Override
	public <M, R> CompletableFuture<Void> subscribe(String subject, Function<byte[], M> decoder, Function<M, R> handler,
			Function<R, byte[]> encoder, Executor executor) {
		return this.delegate.subscribe(subject, decoder, handler, encoder, executor);
	}

	@Override
	public <M> CompletableFuture<Void> subscribe(String subject, Function<byte[], M> decoder, Consumer<M> handler,
			Executor executor) {
		return this.delegate.subscribe(subject, decoder, handler, executor);
	}

	@Override
	public <M> CompletableFuture<Void> subscribe(String subject, Function<byte[], M> decoder,
			BiConsumer<MemberId, M> handler, Executor executor) {
		return this.delegate.subscribe(subject, decoder, handler, executor);
	}

	@Override
	public void unsubscribe(String subject) {
		this.delegate.unsubscribe(subject);
	}

	private record Target(String partition, Kind kind) {
	}

}
