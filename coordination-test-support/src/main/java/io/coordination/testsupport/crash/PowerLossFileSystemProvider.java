package io.coordination.testsupport.crash;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.spi.FileSystemProvider;
import java.util.Map;
import java.util.Set;

/**
 * The JVM's default file system, with every write under one directory tracked for {@link UndoJournal}: a process
 * started with
 * {@code -Djava.nio.file.spi.DefaultFileSystemProvider=io.coordination.testsupport.crash.PowerLossFileSystemProvider}
 * and the system properties {@value #ROOT} (the directory) and {@value #JOURNAL} (where the journal goes) can be
 * "powered off": kill it, then {@link UndoJournal#powerLoss} takes back what it had not synced.
 * <p>
 * It sees what goes through NIO ({@code FileChannel.open}, {@code Files.*}): Atomix's log segments. Files written with
 * {@code java.io} ({@code RandomAccessFile}: Atomix's term/vote store and snapshots, which it syncs itself with
 * {@code FileDescriptor.sync()}) are not tracked and keep what was written. Writes through a writable memory mapping
 * are refused, since they could not be tracked.
 */
public final class PowerLossFileSystemProvider extends FileSystemProvider {

	/** System property: the directory whose files are tracked. */
	public static final String ROOT = "coordination.test.power-loss.root";

	/** System property: the undo journal file. */
	public static final String JOURNAL = "coordination.test.power-loss.journal";

	private final FileSystemProvider builtin;

	private final PowerLossFileSystem fileSystem;

	private final String root;

	private final UndoJournal journal;

	/**
	 * Called by the JDK with its own default provider.
	 * @param builtin the platform's provider
	 */
	public PowerLossFileSystemProvider(FileSystemProvider builtin) {
		this.builtin = builtin;
		this.fileSystem = new PowerLossFileSystem(this, builtin.getFileSystem(URI.create("file:///")));
		String rootProperty = System.getProperty(ROOT);
		String journalProperty = System.getProperty(JOURNAL);
		this.root = (rootProperty != null && !rootProperty.isBlank())
				? builtin.getFileSystem(URI.create("file:///")).getPath(rootProperty).toAbsolutePath().normalize().toString()
				: null;
		this.journal = (this.root != null && journalProperty != null)
				? new UndoJournal(new java.io.File(journalProperty)) : null;
	}

	PowerLossFileSystem fileSystem() {
		return this.fileSystem;
	}

	FileSystemProvider builtin() {
		return this.builtin;
	}

	static Path unwrap(Path path) {
		return (path instanceof PowerLossPath wrapped) ? wrapped.delegate() : path;
	}

	private boolean tracked(Path real) {
		if (this.journal == null) {
			return false;
		}
		String absolute = real.toAbsolutePath().normalize().toString();
		return absolute.equals(this.root) || absolute.startsWith(this.root + "/");
	}

	@Override
	public String getScheme() {
		return this.builtin.getScheme();
	}

	@Override
	public FileSystem newFileSystem(URI uri, Map<String, ?> env) throws IOException {
		throw new java.nio.file.FileSystemAlreadyExistsException(uri.toString());
	}

	@Override
	public FileSystem getFileSystem(URI uri) {
		return this.fileSystem;
	}

	@Override
	public Path getPath(URI uri) {
		return this.fileSystem.wrap(this.builtin.getPath(uri));
	}

	@Override
	public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
			throws IOException {
		Path real = unwrap(path);
		FileChannel channel = this.builtin.newFileChannel(real, options, attrs);
		if (!tracked(real)) {
			return channel;
		}
		String absolute = real.toAbsolutePath().normalize().toString();
		boolean directory = java.nio.file.Files.isDirectory(real);
		return new TrackedFileChannel(channel, absolute, directory, options.contains(StandardOpenOption.APPEND),
				this.journal, this.builtin);
	}

	@Override
	public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
			throws IOException {
		if (tracked(unwrap(path)) && (options.contains(StandardOpenOption.WRITE)
				|| options.contains(StandardOpenOption.APPEND))) {
			return newFileChannel(path, options, attrs);
		}
		return this.builtin.newByteChannel(unwrap(path), options, attrs);
	}

	@Override
	public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
			throws IOException {
		DirectoryStream<Path> stream = this.builtin.newDirectoryStream(unwrap(dir),
				(entry) -> filter.accept(this.fileSystem.wrap(entry)));
		return new DirectoryStream<>() {

			@Override
			public java.util.Iterator<Path> iterator() {
				java.util.Iterator<Path> entries = stream.iterator();
				return new java.util.Iterator<>() {

					@Override
					public boolean hasNext() {
						return entries.hasNext();
					}

					@Override
					public Path next() {
						return PowerLossFileSystemProvider.this.fileSystem.wrap(entries.next());
					}

				};
			}

			@Override
			public void close() throws IOException {
				stream.close();
			}

		};
	}

	@Override
	public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
		this.builtin.createDirectory(unwrap(dir), attrs);
	}

	@Override
	public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) throws IOException {
		this.builtin.createSymbolicLink(unwrap(link), unwrap(target), attrs);
	}

	@Override
	public void createLink(Path link, Path existing) throws IOException {
		this.builtin.createLink(unwrap(link), unwrap(existing));
	}

	@Override
	public void delete(Path path) throws IOException {
		this.builtin.delete(unwrap(path));
	}

	@Override
	public boolean deleteIfExists(Path path) throws IOException {
		return this.builtin.deleteIfExists(unwrap(path));
	}

	@Override
	public Path readSymbolicLink(Path link) throws IOException {
		return this.fileSystem.wrap(this.builtin.readSymbolicLink(unwrap(link)));
	}

	@Override
	public void copy(Path source, Path target, CopyOption... options) throws IOException {
		refuseTracked(target, "copy");
		this.builtin.copy(unwrap(source), unwrap(target), options);
	}

	@Override
	public void move(Path source, Path target, CopyOption... options) throws IOException {
		refuseTracked(target, "move");
		this.builtin.move(unwrap(source), unwrap(target), options);
	}

	private void refuseTracked(Path target, String what) throws IOException {
		if (tracked(unwrap(target))) {
			throw new IOException("The power-loss file system does not track a " + what + " into " + target);
		}
	}

	@Override
	public boolean isSameFile(Path path, Path path2) throws IOException {
		return this.builtin.isSameFile(unwrap(path), unwrap(path2));
	}

	@Override
	public boolean isHidden(Path path) throws IOException {
		return this.builtin.isHidden(unwrap(path));
	}

	@Override
	public FileStore getFileStore(Path path) throws IOException {
		return this.builtin.getFileStore(unwrap(path));
	}

	@Override
	public void checkAccess(Path path, AccessMode... modes) throws IOException {
		this.builtin.checkAccess(unwrap(path), modes);
	}

	@Override
	public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
		return this.builtin.getFileAttributeView(unwrap(path), type, options);
	}

	@Override
	public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
			throws IOException {
		return this.builtin.readAttributes(unwrap(path), type, options);
	}

	@Override
	public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
		return this.builtin.readAttributes(unwrap(path), attributes, options);
	}

	@Override
	public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
		this.builtin.setAttribute(unwrap(path), attribute, value, options);
	}

}
