package io.coordination.testsupport.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import io.coordination.fencing.StaleFencingTokenException;

/**
 * A protected resource shared by processes: a file whose first line is the highest fencing token accepted so far,
 * followed by the records written. A write with a lower token is refused; the check and the write happen under an
 * exclusive file lock, as a database would do them in one transaction.
 */
public final class FencedFile {

	private final Path path;

	/**
	 * Opens (and creates if needed) a fenced file.
	 * @param path the file
	 */
	public FencedFile(Path path) {
		this.path = path;
	}

	/**
	 * Appends a record if {@code token} is not lower than any token accepted before.
	 * @param token the writer's fencing token
	 * @param record the record
	 * @throws StaleFencingTokenException if a higher token was accepted before
	 */
	public void write(long token, String record) {
		try (FileChannel channel = FileChannel.open(this.path, StandardOpenOption.CREATE, StandardOpenOption.READ,
				StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
			ByteBuffer buffer = ByteBuffer.allocate((int) channel.size());
			channel.read(buffer, 0);
			String content = new String(buffer.array(), StandardCharsets.UTF_8);
			long highest = content.isEmpty() ? 0 : Long.parseLong(content.substring(0, content.indexOf('\n')));
			if (token < highest) {
				throw new StaleFencingTokenException(this.path.getFileName().toString(), token, highest);
			}
			String records = content.isEmpty() ? "" : content.substring(content.indexOf('\n') + 1);
			byte[] updated = (token + "\n" + records + token + " " + record + "\n").getBytes(StandardCharsets.UTF_8);
			channel.truncate(0);
			channel.write(ByteBuffer.wrap(updated), 0);
			channel.force(true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The records written, in order, as {@code token record}.
	 * @return the records
	 */
	public List<String> records() {
		try {
			if (!Files.exists(this.path)) {
				return List.of();
			}
			List<String> lines = Files.readAllLines(this.path);
			return lines.isEmpty() ? List.of() : lines.subList(1, lines.size());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
