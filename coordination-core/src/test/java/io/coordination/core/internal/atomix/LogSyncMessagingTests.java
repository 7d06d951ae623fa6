package io.coordination.core.internal.atomix;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
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
import io.atomix.protocols.raft.protocol.VoteRequest;
import io.atomix.protocols.raft.protocol.VoteResponse;
import io.atomix.protocols.raft.storage.log.entry.InitializeEntry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the hook puts the log on disk: before a follower's answer leaves, before the leader sees the answers to
 * entries it sent; and nowhere else.
 */
class LogSyncMessagingTests {

	private static final String PARTITION = "coordination-partition-1";

	private final List<String> events = new ArrayList<>();

	private final FakeLog log = new FakeLog(this.events);

	private final FakeMessaging network = new FakeMessaging(this.events);

	private Optional<DurableLog> available = Optional.of(this.log);

	private final LogSyncMessaging messaging = new LogSyncMessaging(this.network, Set.of(PARTITION),
			(partition) -> partition.equals(PARTITION) ? this.available : Optional.empty());

	@Test
	void aFollowerAnswersAnAppendOnlyAfterItsEntriesAreSynced() {
		CompletableFuture<AppendResponse> answer = receiveAppend(withEntries(), appended(true));
		assertThat(answer).isNotDone();
		this.log.runQueued();
		assertThat(answer).isCompletedWithValueMatching(AppendResponse::succeeded);
		assertThat(this.events).containsExactly("queued", "sync-log");
	}

	@Test
	void aRejectedAppendIsAnsweredWithoutASync() {
		CompletableFuture<AppendResponse> rejected = receiveAppend(withEntries(), appended(false));
		this.log.runQueued();
		assertThat(rejected).isCompletedWithValueMatching((response) -> !response.succeeded());
		assertThat(this.events).doesNotContain("sync-log");
	}

	/**
	 * A heartbeat's answer says how far the follower's log matches the leader's: it may cover entries of an earlier
	 * request whose own answer is still queued, so it too leaves after the log is synced (a no-op if nothing is new).
	 */
	@Test
	void aHeartbeatIsAnsweredAfterTheLogIsSynced() {
		CompletableFuture<AppendResponse> heartbeat = receiveAppend(heartbeat(), appended(true));
		assertThat(heartbeat).isNotDone();
		this.log.runQueued();
		assertThat(heartbeat).isCompleted();
		assertThat(this.events).containsExactly("queued", "sync-log");
	}

	@Test
	void aFailedSyncFailsTheAnswerInsteadOfAcknowledging() {
		this.log.failing = true;
		CompletableFuture<AppendResponse> answer = receiveAppend(withEntries(), appended(true));
		this.log.runQueued();
		assertThat(answer).isCompletedExceptionally();
	}

	@Test
	void anAnswerClaimingAnAppendIsRefusedWhileTheLogIsNotHooked() {
		this.available = Optional.empty();
		assertThat(receiveAppend(withEntries(), appended(true))).isCompletedExceptionally();
		CompletableFuture<AppendResponse> rejected = receiveAppend(withEntries(), appended(false));
		assertThat(rejected).isCompletedWithValueMatching((response) -> !response.succeeded());
	}

	@Test
	void theLeaderSyncsWhenItSendsEntriesAndSeesTheAnswerOnlyAfterThatSync() {
		CompletableFuture<AppendResponse> follower = new CompletableFuture<>();
		this.network.answers.add(follower);
		CompletableFuture<AppendResponse> seen = this.messaging.send(PARTITION + "-append", withEntries(),
				(request) -> new byte[0], (bytes) -> null, MemberId.from("voter-2"), Duration.ofSeconds(1));
		// queued before the request left: nothing the follower answers can overtake it
		assertThat(this.events).containsExactly("queued", "sent " + PARTITION + "-append");
		follower.complete(appended(true));
		assertThat(seen).isNotDone();
		this.log.runQueued();
		assertThat(seen).isCompleted();
		assertThat(this.events).containsExactly("queued", "sent " + PARTITION + "-append", "sync-log");
	}

	@Test
	void theLeaderSeesAFailedSyncAsAFailedAppend() {
		this.log.failing = true;
		this.network.answers.add(CompletableFuture.completedFuture(appended(true)));
		CompletableFuture<AppendResponse> seen = this.messaging.send(PARTITION + "-append", withEntries(),
				(request) -> new byte[0], (bytes) -> null, MemberId.from("voter-2"), Duration.ofSeconds(1));
		this.log.runQueued();
		assertThat(seen).isCompletedExceptionally();
	}

	@Test
	void heartbeatsAndOtherMessagesPassThrough() {
		this.network.answers.add(CompletableFuture.completedFuture(appended(true)));
		CompletableFuture<AppendResponse> heartbeat = this.messaging.send(PARTITION + "-append", heartbeat(),
				(request) -> new byte[0], (bytes) -> null, MemberId.from("voter-2"), Duration.ofSeconds(1));
		assertThat(heartbeat).isCompleted();
		Function<Object, CompletableFuture<Object>> handler = CompletableFuture::completedFuture;
		this.messaging.subscribe(PARTITION + "-command", (bytes) -> null, handler, (response) -> new byte[0]);
		this.messaging.subscribe("other-partition-1-append", (bytes) -> null, handler, (response) -> new byte[0]);
		assertThat(this.network.handlers.get(PARTITION + "-command")).isSameAs(handler);
		assertThat(this.network.handlers.get("other-partition-1-append")).isSameAs(handler);
		assertThat(this.events).containsExactly("sent " + PARTITION + "-append");
	}

	@Test
	void aVoteIsAnsweredAfterTheDirectoryIsSynced() {
		Function<VoteRequest, CompletableFuture<VoteResponse>> handler = (request) -> CompletableFuture
			.completedFuture(VoteResponse.builder().withStatus(RaftResponse.Status.OK).withTerm(2).withVoted(true).build());
		this.messaging.subscribe(PARTITION + "-vote", (bytes) -> null, handler, (response) -> new byte[0]);
		@SuppressWarnings("unchecked")
		Function<VoteRequest, CompletableFuture<VoteResponse>> wrapped = (Function<VoteRequest, CompletableFuture<VoteResponse>>) this.network.handlers
			.get(PARTITION + "-vote");
		CompletableFuture<VoteResponse> answer = wrapped.apply(null);
		assertThat(answer).isNotDone();
		this.log.runQueued();
		assertThat(answer).isCompletedWithValueMatching(VoteResponse::voted);
		assertThat(this.events).containsExactly("queued", "sync-directory");
	}

	private CompletableFuture<AppendResponse> receiveAppend(AppendRequest request, AppendResponse response) {
		Function<AppendRequest, CompletableFuture<AppendResponse>> handler = (received) -> CompletableFuture
			.completedFuture(response);
		this.messaging.subscribe(PARTITION + "-append", (bytes) -> null, handler, (answer) -> new byte[0]);
		@SuppressWarnings("unchecked")
		Function<AppendRequest, CompletableFuture<AppendResponse>> wrapped = (Function<AppendRequest, CompletableFuture<AppendResponse>>) this.network.handlers
			.get(PARTITION + "-append");
		return wrapped.apply(request);
	}

	private static AppendRequest withEntries() {
		return new AppendRequest(2, "voter-1", 4, 2, List.of(new InitializeEntry(2, 1L)), 4);
	}

	private static AppendRequest heartbeat() {
		return new AppendRequest(2, "voter-1", 5, 2, List.of(), 4);
	}

	private static AppendResponse appended(boolean succeeded) {
		return AppendResponse.builder()
			.withStatus(RaftResponse.Status.OK)
			.withTerm(2)
			.withSucceeded(succeeded)
			.withLastLogIndex(succeeded ? 5 : 4)
			.build();
	}

	/**
	 * A log whose Raft thread runs only when the test says so.
	 */
	private static final class FakeLog implements DurableLog {

		private final Queue<Runnable> queued = new ArrayDeque<>();

		private final List<String> events;

		private boolean failing;

		FakeLog(List<String> events) {
			this.events = events;
		}

		@Override
		public Executor raftThread() {
			return (task) -> {
				this.events.add("queued");
				this.queued.add(task);
			};
		}

		void runQueued() {
			while (!this.queued.isEmpty()) {
				this.queued.poll().run();
			}
		}

		@Override
		public void syncLog() {
			if (this.failing) {
				throw new LogSyncException("disk gone", new java.io.IOException("EIO"));
			}
			this.events.add("sync-log");
		}

		@Override
		public void syncDirectory() {
			this.events.add("sync-directory");
		}

	}

	/**
	 * Messaging that keeps the handlers it is given and answers sends with futures the test completes.
	 */
	private static final class FakeMessaging implements ClusterCommunicationService {

		private final Map<String, Object> handlers = new HashMap<>();

		private final Queue<CompletableFuture<?>> answers = new ArrayDeque<>();

		private final List<String> events;

		FakeMessaging(List<String> events) {
			this.events = events;
		}

		@Override
		public <M, R> CompletableFuture<Void> subscribe(String subject, Function<byte[], M> decoder,
				Function<M, CompletableFuture<R>> handler, Function<R, byte[]> encoder) {
			this.handlers.put(subject, handler);
			return CompletableFuture.completedFuture(null);
		}

		@Override
		@SuppressWarnings("unchecked")
		public <M, R> CompletableFuture<R> send(String subject, M message, Function<M, byte[]> encoder,
				Function<byte[], R> decoder, MemberId toMemberId, Duration timeout) {
			this.events.add("sent " + subject);
			return (CompletableFuture<R>) this.answers.poll();
		}

		@Override
		public <M> void broadcast(String subject, M message, Function<M, byte[]> encoder, boolean reliable) {
		}

		@Override
		public <M> void broadcastIncludeSelf(String subject, M message, Function<M, byte[]> encoder, boolean reliable) {
		}

		@Override
		public <M> CompletableFuture<Void> unicast(String subject, M message, Function<M, byte[]> encoder,
				MemberId toMemberId, boolean reliable) {
			return CompletableFuture.completedFuture(null);
		}

		@Override
		public <M> void multicast(String subject, M message, Function<M, byte[]> encoder, Set<MemberId> memberIds,
				boolean reliable) {
		}

		@Override
		public <M, R> CompletableFuture<Void> subscribe(String subject, Function<byte[], M> decoder,
				Function<M, R> handler, Function<R, byte[]> encoder, Executor executor) {
			return CompletableFuture.completedFuture(null);
		}

		@Override
		public <M> CompletableFuture<Void> subscribe(String subject, Function<byte[], M> decoder, Consumer<M> handler,
				Executor executor) {
			return CompletableFuture.completedFuture(null);
		}

		@Override
		public <M> CompletableFuture<Void> subscribe(String subject, Function<byte[], M> decoder,
				BiConsumer<MemberId, M> handler, Executor executor) {
			return CompletableFuture.completedFuture(null);
		}

		@Override
		public void unsubscribe(String subject) {
		}

	}

}
