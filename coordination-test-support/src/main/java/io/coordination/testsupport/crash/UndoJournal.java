package io.coordination.testsupport.crash;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a power loss would take back from a process's files, written as the process goes and applied after it is
 * killed. Each write records the bytes it overwrites before it happens; a {@code force} of a file forgets them (they
 * are on disk now); a {@code force} of a directory records which entries it had. {@link #powerLoss} then puts every
 * file back as it was at its last sync and removes the directory entries created since the directory's last sync.
 * <p>
 * Records go to a plain file without syncing: the model is of a machine that loses its page cache, tested by killing
 * processes, which does not. A record cut short by the kill is ignored (its write did not happen).
 */
public final class UndoJournal {

	private static final byte WRITE = 'W';

	private static final byte FORCE = 'F';

	private static final byte DIRECTORY = 'D';

	private final FileOutputStream out;

	UndoJournal(java.io.File file) {
		try {
			// java.io: this runs while the JDK installs the default file system
			file.getAbsoluteFile().getParentFile().mkdirs();
			this.out = new FileOutputStream(file, true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open the undo journal " + file, ex);
		}
	}

	/**
	 * Records what a write of {@code length} bytes at {@code position} is about to overwrite.
	 * @param file the file (open for the write)
	 * @param path its absolute path
	 * @param position where the write starts
	 * @param length how many bytes it writes
	 * @throws IOException if the file cannot be read
	 */
	synchronized void beforeWrite(java.nio.channels.FileChannel file, String path, long position, int length)
			throws IOException {
		long size = file.size();
		int kept = (int) Math.max(0, Math.min(length, size - position));
		java.nio.ByteBuffer old = java.nio.ByteBuffer.allocate(kept);
		while (old.hasRemaining()) {
			if (file.read(old, position + old.position()) < 0) {
				break;
			}
		}
		ByteArrayOutputStream record = new ByteArrayOutputStream(64 + kept);
		DataOutputStream data = new DataOutputStream(record);
		data.writeByte(WRITE);
		data.writeUTF(path);
		data.writeLong(position);
		data.writeLong(size);
		data.writeInt(old.position());
		data.write(old.array(), 0, old.position());
		append(record);
	}

	/**
	 * Records that a file's contents are on disk.
	 * @param path its absolute path
	 * @throws IOException if the journal cannot be written
	 */
	synchronized void forced(String path) throws IOException {
		ByteArrayOutputStream record = new ByteArrayOutputStream();
		DataOutputStream data = new DataOutputStream(record);
		data.writeByte(FORCE);
		data.writeUTF(path);
		append(record);
	}

	/**
	 * Records a directory's entries as they were when it was synced.
	 * @param path its absolute path
	 * @param entries the names in it just before the sync
	 * @throws IOException if the journal cannot be written
	 */
	synchronized void directoryForced(String path, Set<String> entries) throws IOException {
		ByteArrayOutputStream record = new ByteArrayOutputStream();
		DataOutputStream data = new DataOutputStream(record);
		data.writeByte(DIRECTORY);
		data.writeUTF(path);
		data.writeInt(entries.size());
		for (String entry : entries) {
			data.writeUTF(entry);
		}
		append(record);
	}

	private void append(ByteArrayOutputStream record) throws IOException {
		// one write per record: a kill leaves a whole record or a cut tail
		this.out.write(record.toByteArray());
	}

	/**
	 * Applies a power loss to the files a killed process wrote through the tracking file system: writes since each
	 * file's last sync are undone (newest first), and files created in a synced directory since its last sync are
	 * removed. Deletes the journal.
	 * @param journal the journal of the killed process
	 * @return what was taken back
	 */
	public static Report powerLoss(Path journal) {
		if (!Files.exists(journal)) {
			return new Report(0, 0, List.of());
		}
		Map<String, List<Undo>> pending = new LinkedHashMap<>();
		Map<String, Set<String>> directories = new HashMap<>();
		try (InputStream in = Files.newInputStream(journal)) {
			DataInputStream data = new DataInputStream(new java.io.BufferedInputStream(in));
			while (true) {
				int type;
				try {
					type = data.readByte();
				}
				catch (EOFException ex) {
					break;
				}
				try {
					String path = data.readUTF();
					if (type == WRITE) {
						long position = data.readLong();
						long size = data.readLong();
						byte[] old = new byte[data.readInt()];
						data.readFully(old);
						pending.computeIfAbsent(path, (key) -> new ArrayList<>()).add(new Undo(position, size, old));
					}
					else if (type == FORCE) {
						pending.remove(path);
					}
					else if (type == DIRECTORY) {
						Set<String> entries = new TreeSet<>();
						int count = data.readInt();
						for (int i = 0; i < count; i++) {
							entries.add(data.readUTF());
						}
						directories.put(path, entries);
					}
					else {
						throw new IllegalStateException("Corrupt undo journal " + journal + ": record type " + type);
					}
				}
				catch (EOFException ex) {
					break; // the record being written when the process was killed: its write never happened
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the undo journal " + journal, ex);
		}
		int undone = 0;
		for (Map.Entry<String, List<Undo>> file : pending.entrySet()) {
			undone += undo(Path.of(file.getKey()), file.getValue());
		}
		List<String> removed = new ArrayList<>();
		for (Map.Entry<String, Set<String>> directory : directories.entrySet()) {
			removed.addAll(removeUnsynced(Path.of(directory.getKey()), directory.getValue()));
		}
		try {
			Files.delete(journal);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new Report(pending.size(), undone, removed);
	}

	private static int undo(Path file, List<Undo> undos) {
		if (!Files.exists(file)) {
			return 0;
		}
		try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
			for (int i = undos.size() - 1; i >= 0; i--) {
				Undo undo = undos.get(i);
				raf.seek(undo.position());
				raf.write(undo.old());
				if (raf.length() > undo.size()) {
					raf.setLength(undo.size());
				}
			}
			return undos.size();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot undo writes to " + file, ex);
		}
	}

	private static List<String> removeUnsynced(Path directory, Set<String> synced) {
		List<String> removed = new ArrayList<>();
		if (!Files.isDirectory(directory)) {
			return removed;
		}
		try (var entries = Files.list(directory)) {
			for (Path entry : entries.toList()) {
				if (!synced.contains(entry.getFileName().toString()) && Files.isRegularFile(entry)) {
					Files.delete(entry);
					removed.add(entry.toString());
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot remove unsynced entries of " + directory, ex);
		}
		return removed;
	}

	private record Undo(long position, long size, byte[] old) {
	}

	/**
	 * What a power loss took back.
	 *
	 * @param files files with writes since their last sync
	 * @param writes writes undone
	 * @param removed files removed because their directory was not synced since they were created
	 */
	public record Report(int files, int writes, List<String> removed) {
	}

}
