package io.coordination.core.internal.atomix;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

import io.atomix.protocols.raft.impl.RaftContext;
import io.atomix.protocols.raft.storage.log.RaftLog;
import io.atomix.protocols.raft.storage.log.RaftLogWriter;
import io.atomix.protocols.raft.storage.log.entry.RaftLogEntry;
import io.atomix.storage.journal.DelegatingJournalWriter;
import io.atomix.storage.journal.Indexed;
import io.atomix.storage.journal.JournalSegment;
import io.atomix.storage.journal.SegmentedJournal;
import io.atomix.storage.journal.SegmentedJournalWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syncs the Raft log of one local partition server to disk. Atomix 3.1.12 never does: its {@code flushOnCommit}
 * setting stops in {@code RaftLog} and never reaches the journal, and even where it worked it would sync after the
 * commit, when a follower has long acknowledged entries it holds only in the page cache.
 * <p>
 * {@link LogSyncMessaging} calls {@link #syncLog()} where Raft needs it: a follower before it acknowledges an append,
 * the leader before it processes the acknowledgements of entries it sent (so it never counts itself towards a commit
 * with entries that are not on its disk). A single voter has nobody to send to: its log writer is replaced by one
 * that syncs before each commit, before anything is applied or answered. Term and vote are synced by Atomix itself
 * ({@code MetaStore} writes them with {@code FileDescriptor.sync()}), and so are snapshots.
 * <p>
 * One sync covers every entry written so far (group commit); nothing is synced twice. File creation and deletion
 * (segments, snapshots, the metadata files) is made durable by syncing the partition's directory: at once when the
 * segments change, and within a second for anything else (a snapshot is completed ten seconds before Atomix compacts
 * the log it replaces). A failed sync is final: the server stops acknowledging and committing until restarted.
 */
final class RaftLogSync implements DurableLog {

	private static final Logger logger = LoggerFactory.getLogger(RaftLogSync.class);

	private static final Duration DIRECTORY_CHECK_INTERVAL = Duration.ofSeconds(1);

	private static final boolean DIRECTORY_SYNC_SUPPORTED = !System.getProperty("os.name", "")
		.toLowerCase(java.util.Locale.ROOT)
		.startsWith("windows");

	private final RaftContext raft;

	private final Path directory;

	private final Path dataRoot;

	private final SegmentedJournal<RaftLogEntry> journal;

	private final CompletableFuture<Void> installed = new CompletableFuture<>();

	// the fields below are only used on the Raft thread

	private long syncedIndex = -1;

	private long syncedTerm = -1;

	private Segments syncedSegments;

	private Set<String> syncedFiles;

	private LogSyncException failure;

	private RaftLogSync(RaftContext raft, Path dataRoot) {
		this.raft = raft;
		this.directory = raft.getStorage().directory().toPath().toAbsolutePath().normalize();
		this.dataRoot = dataRoot.toAbsolutePath().normalize();
		this.journal = journalOf(raft.getLog());
	}

	/**
	 * Starts syncing the log of a Raft server: the first task on its thread from now on syncs its directories (and,
	 * for a single voter, installs the syncing writer).
	 * @param raft the local server of a partition
	 * @param dataRoot the node's data directory: the partition's directory and its ancestors up to this one's parent
	 * are synced once, so that the files created at first start are reachable after a crash
	 * @param singleVoter whether the partition has no other voter (commits without any append request)
	 * @return the sync, installed once {@link #installed()} completes
	 */
	static RaftLogSync start(RaftContext raft, Path dataRoot, boolean singleVoter) {
		RaftLogSync sync = new RaftLogSync(raft, dataRoot);
		raft.getThreadContext().execute(() -> sync.install(singleVoter));
		return sync;
	}

	/**
	 * Completes when the sync is in place.
	 * @return the future
	 */
	CompletableFuture<Void> installed() {
		return this.installed;
	}

	RaftContext raft() {
		return this.raft;
	}

	private void install(boolean singleVoter) {
		try {
			if (singleVoter) {
				replaceWriter();
			}
			syncDirectoryTree();
			this.raft.getThreadContext().schedule(DIRECTORY_CHECK_INTERVAL, DIRECTORY_CHECK_INTERVAL, this::checkDirectory);
			this.installed.complete(null);
		}
		catch (RuntimeException ex) {
			this.installed.completeExceptionally(ex);
		}
	}

	@Override
	public Executor raftThread() {
		return this.raft.getThreadContext();
	}

	@Override
	public void syncLog() {
		failIfBroken();
		try {
			RaftLogWriter writer = this.raft.getLogWriter();
			Indexed<RaftLogEntry> last = writer.getLastEntry();
			long index = (last != null) ? last.index() : 0;
			long term = (last != null) ? last.entry().term() : 0;
			// the log matching property: the same index and term mean the same log, so nothing new to sync
			if (index != this.syncedIndex || term != this.syncedTerm) {
				writer.flush();
			}
			Segments segments = Segments.of(this.journal);
			if (!segments.equals(this.syncedSegments)) {
				forceDirectory(this.directory);
				this.syncedSegments = segments;
			}
			this.syncedIndex = index;
			this.syncedTerm = term;
		}
		catch (RuntimeException ex) {
			throw broken(ex);
		}
	}

	@Override
	public void syncDirectory() {
		failIfBroken();
		try {
			Set<String> files = list(this.directory);
			if (!files.equals(this.syncedFiles)) {
				forceDirectory(this.directory);
				this.syncedFiles = files;
			}
		}
		catch (RuntimeException ex) {
			throw broken(ex);
		}
	}

	private void checkDirectory() {
		if (this.failure == null) {
			try {
				syncDirectory();
			}
			catch (LogSyncException ex) {
				// logged when it broke
			}
		}
	}

	private void syncDirectoryTree() {
		Set<String> files = list(this.directory);
		Segments segments = Segments.of(this.journal);
		Path stop = (this.directory.startsWith(this.dataRoot)) ? this.dataRoot.getParent() : this.directory;
		for (Path current = this.directory; current != null; current = current.getParent()) {
			forceDirectory(current);
			if (current.equals(stop)) {
				break;
			}
		}
		this.syncedFiles = files;
		this.syncedSegments = segments;
	}

	private void failIfBroken() {
		if (this.failure != null) {
			throw this.failure;
		}
	}

	private LogSyncException broken(RuntimeException cause) {
		if (cause instanceof LogSyncException known) {
			return known;
		}
		this.failure = new LogSyncException("Could not sync the Raft log of " + this.raft.getName() + " in "
				+ this.directory + ": " + cause.getMessage()
				+ "; this member no longer acknowledges or commits writes: restart it", cause);
		logger.error(this.failure.getMessage(), cause);
		return this.failure;
	}

	/**
	 * Replaces the server's log writer by one that syncs before each commit. Only a single voter needs it: it commits
	 * entries as soon as it has written them, without sending anything.
	 */
	private void replaceWriter() {
		try {
			RaftLogWriter current = this.raft.getLogWriter();
			@SuppressWarnings("unchecked")
			SegmentedJournalWriter<RaftLogEntry> journalWriter = (SegmentedJournalWriter<RaftLogEntry>) field(
					DelegatingJournalWriter.class, "delegate")
				.get(current);
			field(RaftContext.class, "logWriter").set(this.raft,
					new CommitSyncingWriter(journalWriter, this.raft.getLog(), this));
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			throw new IllegalStateException("Cannot sync the Raft log of a single voter: Atomix's log writer of "
					+ this.raft.getName() + " is not reachable (" + ex + ")", ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static SegmentedJournal<RaftLogEntry> journalOf(RaftLog log) {
		try {
			return (SegmentedJournal<RaftLogEntry>) field(RaftLog.class, "journal").get(log);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			throw new IllegalStateException("Cannot sync the Raft log: Atomix's journal is not reachable (" + ex + ")",
					ex);
		}
	}

	private static Field field(Class<?> type, String name) throws NoSuchFieldException {
		Field field = type.getDeclaredField(name);
		field.setAccessible(true);
		return field;
	}

	/**
	 * Syncs a directory, so that files created or deleted in it are durable.
	 * @param directory the directory
	 */
	static void forceDirectory(Path directory) {
		if (!DIRECTORY_SYNC_SUPPORTED) {
			return;
		}
		try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException("Cannot sync directory " + directory, ex);
		}
	}

	private static Set<String> list(Path directory) {
		try (Stream<Path> files = Files.list(directory)) {
			Set<String> names = new TreeSet<>();
			files.forEach((file) -> names.add(file.getFileName().toString()));
			return names;
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException("Cannot list directory " + directory, ex);
		}
	}

	/**
	 * Which segment files the journal has: enough to tell that one was created or deleted.
	 */
	private record Segments(long first, long last, int count) {

		static Segments of(SegmentedJournal<RaftLogEntry> journal) {
			long first = -1;
			long last = -1;
			int count = 0;
			for (JournalSegment<RaftLogEntry> segment : journal.segments()) {
				first = (count == 0) ? segment.id() : first;
				last = segment.id();
				count++;
			}
			return new Segments(first, last, count);
		}

	}

	/**
	 * The log writer of a single voter: everything written is synced before the commit index moves, which is before
	 * anything is applied, answered or sent.
	 */
	private static final class CommitSyncingWriter extends RaftLogWriter {

		private final DurableLog log;

		CommitSyncingWriter(SegmentedJournalWriter<RaftLogEntry> writer, RaftLog raftLog, DurableLog log) {
			super(writer, raftLog);
			this.log = log;
		}

		@Override
		public void commit(long index) {
			this.log.syncLog();
			super.commit(index);
		}

	}

}
