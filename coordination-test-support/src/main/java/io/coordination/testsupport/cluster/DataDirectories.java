package io.coordination.testsupport.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Temporary data directories for test clusters.
 */
public final class DataDirectories {

	private DataDirectories() {
	}

	/**
	 * Creates a fresh temporary directory.
	 * @param prefix name prefix
	 * @return the directory
	 */
	public static Path create(String prefix) {
		try {
			return Files.createTempDirectory(prefix);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Deletes a directory tree, ignoring what is already gone.
	 * @param directory the directory
	 */
	public static void delete(Path directory) {
		if (directory == null || !Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> {
				try {
					Files.deleteIfExists(path);
				}
				catch (IOException ex) {
					// best effort: a process may still be writing
				}
			});
		}
		catch (IOException ex) {
			// best effort
		}
	}

}
