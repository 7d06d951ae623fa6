package io.coordination.testsupport.crash;

import java.nio.file.Path;
import java.util.List;

/**
 * A power cut for node processes of the multi-process harness: start the voters with {@link #JVM_ARGUMENTS}, kill
 * them, then {@link #apply} to each data directory before restarting them. What the processes had not synced (with
 * {@code FileChannel.force}) is gone, as after a real power loss; what they had synced is kept.
 */
public final class PowerLoss {

	/**
	 * JVM arguments of a node process whose data directory is tracked (placeholders of
	 * {@link io.coordination.testsupport.process.NodeProcess.Spec}).
	 */
	public static final List<String> JVM_ARGUMENTS = List.of(
			"-Djava.nio.file.spi.DefaultFileSystemProvider=" + PowerLossFileSystemProvider.class.getName(),
			"-D" + PowerLossFileSystemProvider.ROOT + "={data}",
			"-D" + PowerLossFileSystemProvider.JOURNAL + "={data}.undo");

	private PowerLoss() {
	}

	/**
	 * Takes back from a killed process's data directory what a power loss would have: call it after the process is
	 * dead and before it is restarted.
	 * @param dataDirectory the data directory the process was started with
	 * @return what was taken back
	 */
	public static UndoJournal.Report apply(Path dataDirectory) {
		Path absolute = dataDirectory.toAbsolutePath();
		return UndoJournal.powerLoss(absolute.resolveSibling(absolute.getFileName() + ".undo"));
	}

}
