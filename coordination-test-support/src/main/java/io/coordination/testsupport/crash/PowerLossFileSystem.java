package io.coordination.testsupport.crash;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The platform's default file system, handing out {@link PowerLossPath}s so that every operation comes back to
 * {@link PowerLossFileSystemProvider}.
 */
final class PowerLossFileSystem extends FileSystem {

	private final PowerLossFileSystemProvider provider;

	private final FileSystem delegate;

	PowerLossFileSystem(PowerLossFileSystemProvider provider, FileSystem delegate) {
		this.provider = provider;
		this.delegate = delegate;
	}

	Path wrap(Path path) {
		return (path == null || path instanceof PowerLossPath) ? path : new PowerLossPath(this, path);
	}

	@Override
	public FileSystemProvider provider() {
		return this.provider;
	}

	@Override
	public void close() throws IOException {
		throw new UnsupportedOperationException("The default file system cannot be closed");
	}

	@Override
	public boolean isOpen() {
		return true;
	}

	@Override
	public boolean isReadOnly() {
		return false;
	}

	@Override
	public String getSeparator() {
		return this.delegate.getSeparator();
	}

	@Override
	public Iterable<Path> getRootDirectories() {
		List<Path> roots = new ArrayList<>();
		this.delegate.getRootDirectories().forEach((root) -> roots.add(wrap(root)));
		return roots;
	}

	@Override
	public Iterable<FileStore> getFileStores() {
		return this.delegate.getFileStores();
	}

	@Override
	public Set<String> supportedFileAttributeViews() {
		return this.delegate.supportedFileAttributeViews();
	}

	@Override
	public Path getPath(String first, String... more) {
		return wrap(this.delegate.getPath(first, more));
	}

	@Override
	public PathMatcher getPathMatcher(String syntaxAndPattern) {
		PathMatcher matcher = this.delegate.getPathMatcher(syntaxAndPattern);
		return (path) -> matcher.matches(PowerLossFileSystemProvider.unwrap(path));
	}

	@Override
	public UserPrincipalLookupService getUserPrincipalLookupService() {
		return this.delegate.getUserPrincipalLookupService();
	}

	@Override
	public WatchService newWatchService() throws IOException {
		return this.delegate.newWatchService();
	}

}
