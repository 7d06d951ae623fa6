package io.coordination.testsupport.crash;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Path;
import java.nio.file.spi.FileSystemProvider;
import java.util.Set;
import java.util.TreeSet;

/**
 * A file channel whose writes are recorded in an {@link UndoJournal} before they happen, and whose syncs are recorded
 * after they succeed. A channel on a directory records the directory's entries when it is synced.
 */
final class TrackedFileChannel extends FileChannel {

	private final FileChannel delegate;

	private final String path;

	private final boolean directory;

	private final boolean append;

	private final UndoJournal journal;

	private final FileSystemProvider builtin;

	TrackedFileChannel(FileChannel delegate, String path, boolean directory, boolean append, UndoJournal journal,
			FileSystemProvider builtin) {
		this.delegate = delegate;
		this.path = path;
		this.directory = directory;
		this.append = append;
		this.journal = journal;
		this.builtin = builtin;
	}

	private long writePosition() throws IOException {
		return this.append ? this.delegate.size() : this.delegate.position();
	}

	@Override
	public int read(ByteBuffer dst) throws IOException {
		return this.delegate.read(dst);
	}

	@Override
	public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
		return this.delegate.read(dsts, offset, length);
	}

	@Override
	public int read(ByteBuffer dst, long position) throws IOException {
		return this.delegate.read(dst, position);
	}

	@Override
	public int write(ByteBuffer src) throws IOException {
		this.journal.beforeWrite(this.delegate, this.path, writePosition(), src.remaining());
		return this.delegate.write(src);
	}

	@Override
	public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
		long total = 0;
		for (int i = offset; i < offset + length; i++) {
			total += srcs[i].remaining();
		}
		this.journal.beforeWrite(this.delegate, this.path, writePosition(), Math.toIntExact(total));
		return this.delegate.write(srcs, offset, length);
	}

	@Override
	public int write(ByteBuffer src, long position) throws IOException {
		this.journal.beforeWrite(this.delegate, this.path, position, src.remaining());
		return this.delegate.write(src, position);
	}

	@Override
	public long position() throws IOException {
		return this.delegate.position();
	}

	@Override
	public FileChannel position(long newPosition) throws IOException {
		this.delegate.position(newPosition);
		return this;
	}

	@Override
	public long size() throws IOException {
		return this.delegate.size();
	}

	@Override
	public FileChannel truncate(long size) throws IOException {
		long current = this.delegate.size();
		if (size < current) {
			this.journal.beforeWrite(this.delegate, this.path, size, Math.toIntExact(current - size));
		}
		this.delegate.truncate(size);
		return this;
	}

	@Override
	public void force(boolean metaData) throws IOException {
		if (this.directory) {
			Set<String> entries = entries();
			this.delegate.force(metaData);
			this.journal.directoryForced(this.path, entries);
		}
		else {
			this.delegate.force(metaData);
			this.journal.forced(this.path);
		}
	}

	private Set<String> entries() throws IOException {
		Set<String> names = new TreeSet<>();
		Path real = this.builtin.getFileSystem(java.net.URI.create("file:///")).getPath(this.path);
		try (DirectoryStream<Path> stream = this.builtin.newDirectoryStream(real, (entry) -> true)) {
			stream.forEach((entry) -> names.add(entry.getFileName().toString()));
		}
		return names;
	}

	@Override
	public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
		return this.delegate.transferTo(position, count, target);
	}

	@Override
	public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
		this.journal.beforeWrite(this.delegate, this.path, position, Math.toIntExact(count));
		return this.delegate.transferFrom(src, position, count);
	}

	@Override
	public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
		if (mode != MapMode.READ_ONLY) {
			throw new UnsupportedOperationException(
					"Writes through a memory mapping of " + this.path + " cannot be tracked for a power loss");
		}
		return this.delegate.map(mode, position, size);
	}

	@Override
	public FileLock lock(long position, long size, boolean shared) throws IOException {
		return this.delegate.lock(position, size, shared);
	}

	@Override
	public FileLock tryLock(long position, long size, boolean shared) throws IOException {
		return this.delegate.tryLock(position, size, shared);
	}

	@Override
	protected void implCloseChannel() throws IOException {
		this.delegate.close();
	}

}
