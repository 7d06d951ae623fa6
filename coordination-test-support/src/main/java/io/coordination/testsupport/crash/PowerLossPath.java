package io.coordination.testsupport.crash;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Iterator;

/**
 * A platform path that belongs to {@link PowerLossFileSystem}: every path operation is the platform's, every path it
 * returns is wrapped again.
 */
final class PowerLossPath implements Path {

	private final PowerLossFileSystem fileSystem;

	private final Path delegate;

	PowerLossPath(PowerLossFileSystem fileSystem, Path delegate) {
		this.fileSystem = fileSystem;
		this.delegate = delegate;
	}

	Path delegate() {
		return this.delegate;
	}

	private Path wrap(Path path) {
		return this.fileSystem.wrap(path);
	}

	private static Path unwrap(Path path) {
		return PowerLossFileSystemProvider.unwrap(path);
	}

	@Override
	public FileSystem getFileSystem() {
		return this.fileSystem;
	}

	@Override
	public boolean isAbsolute() {
		return this.delegate.isAbsolute();
	}

	@Override
	public Path getRoot() {
		return wrap(this.delegate.getRoot());
	}

	@Override
	public Path getFileName() {
		return wrap(this.delegate.getFileName());
	}

	@Override
	public Path getParent() {
		return wrap(this.delegate.getParent());
	}

	@Override
	public int getNameCount() {
		return this.delegate.getNameCount();
	}

	@Override
	public Path getName(int index) {
		return wrap(this.delegate.getName(index));
	}

	@Override
	public Path subpath(int beginIndex, int endIndex) {
		return wrap(this.delegate.subpath(beginIndex, endIndex));
	}

	@Override
	public boolean startsWith(Path other) {
		return this.delegate.startsWith(unwrap(other));
	}

	@Override
	public boolean startsWith(String other) {
		return this.delegate.startsWith(other);
	}

	@Override
	public boolean endsWith(Path other) {
		return this.delegate.endsWith(unwrap(other));
	}

	@Override
	public boolean endsWith(String other) {
		return this.delegate.endsWith(other);
	}

	@Override
	public Path normalize() {
		return wrap(this.delegate.normalize());
	}

	@Override
	public Path resolve(Path other) {
		return wrap(this.delegate.resolve(unwrap(other)));
	}

	@Override
	public Path resolve(String other) {
		return wrap(this.delegate.resolve(other));
	}

	@Override
	public Path resolveSibling(Path other) {
		return wrap(this.delegate.resolveSibling(unwrap(other)));
	}

	@Override
	public Path resolveSibling(String other) {
		return wrap(this.delegate.resolveSibling(other));
	}

	@Override
	public Path relativize(Path other) {
		return wrap(this.delegate.relativize(unwrap(other)));
	}

	@Override
	public URI toUri() {
		return this.delegate.toUri();
	}

	@Override
	public Path toAbsolutePath() {
		return wrap(this.delegate.toAbsolutePath());
	}

	@Override
	public Path toRealPath(LinkOption... options) throws IOException {
		return wrap(this.delegate.toRealPath(options));
	}

	@Override
	public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers)
			throws IOException {
		return this.delegate.register(watcher, events, modifiers);
	}

	@Override
	public Iterator<Path> iterator() {
		Iterator<Path> names = this.delegate.iterator();
		return new Iterator<>() {

			@Override
			public boolean hasNext() {
				return names.hasNext();
			}

			@Override
			public Path next() {
				return wrap(names.next());
			}

		};
	}

	@Override
	public int compareTo(Path other) {
		return this.delegate.compareTo(unwrap(other));
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof PowerLossPath path) && this.delegate.equals(path.delegate);
	}

	@Override
	public int hashCode() {
		return this.delegate.hashCode();
	}

	@Override
	public String toString() {
		return this.delegate.toString();
	}

}
