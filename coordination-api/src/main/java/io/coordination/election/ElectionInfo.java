package io.coordination.election;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.coordination.Owner;

/**
 * An election group's state at one point of the log.
 *
 * @param group the group
 * @param leader the current leadership, or {@code null}
 * @param candidates candidates in election order (the first leads)
 */
public record ElectionInfo(String group, Leadership leader, List<Candidate> candidates) {

	/**
	 * Copies the list.
	 * @param group the group
	 * @param leader the leadership or {@code null}
	 * @param candidates candidates in order
	 */
	public ElectionInfo {
		Objects.requireNonNull(group, "group");
		candidates = List.copyOf(candidates);
	}

	/**
	 * One candidate.
	 *
	 * @param candidateId its id
	 * @param owner its session
	 * @param metadata what it published
	 * @param since when it joined (log time)
	 */
	public record Candidate(String candidateId, Owner owner, Map<String, String> metadata, Instant since) {

		/**
		 * Copies the metadata.
		 * @param candidateId its id
		 * @param owner its session
		 * @param metadata what it published
		 * @param since when it joined
		 */
		public Candidate {
			metadata = Map.copyOf(metadata);
		}

	}

}
