package io.coordination.barrier;

import java.util.List;
import java.util.Objects;

import io.coordination.Owner;

/**
 * A barrier's state at one point of the log.
 *
 * @param name barrier name
 * @param type cyclic or double
 * @param parties party count
 * @param generation how many times it has tripped (cyclic) or completed entry (double)
 * @param participants participants waiting (cyclic) or inside (double)
 */
public record BarrierInfo(String name, Type type, int parties, long generation, List<Owner> participants) {

	/**
	 * Copies the list.
	 * @param name barrier name
	 * @param type cyclic or double
	 * @param parties party count
	 * @param generation trip count
	 * @param participants participants
	 */
	public BarrierInfo {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(type, "type");
		participants = List.copyOf(participants);
	}

	/**
	 * The kind of barrier.
	 */
	public enum Type {

		/**
		 * A {@link DistributedBarrier}.
		 */
		CYCLIC,

		/**
		 * A {@link DoubleBarrier}.
		 */
		DOUBLE

	}

}
