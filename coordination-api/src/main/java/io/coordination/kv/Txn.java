package io.coordination.kv;

import java.util.ArrayList;
import java.util.List;

/**
 * A multi-key transaction: if every comparison holds, the {@code then} operations run, otherwise the
 * {@code otherwise} operations; atomically, at one revision.
 *
 * @param compares conditions, all must hold
 * @param then operations when they hold
 * @param otherwise operations when one does not
 */
public record Txn(List<Compare> compares, List<Op> then, List<Op> otherwise) {

	/** Most comparisons plus operations in one transaction. */
	public static final int MAX_OPERATIONS = 128;

	/**
	 * Copies the lists.
	 * @param compares conditions
	 * @param then operations when they hold
	 * @param otherwise operations otherwise
	 */
	public Txn {
		compares = List.copyOf(compares);
		then = List.copyOf(then);
		otherwise = List.copyOf(otherwise);
		if (compares.size() + then.size() + otherwise.size() > MAX_OPERATIONS) {
			throw new IllegalArgumentException("A transaction has at most " + MAX_OPERATIONS
					+ " comparisons and operations, this one has " + (compares.size() + then.size() + otherwise.size()));
		}
	}

	/**
	 * Starts a transaction.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builds a {@link Txn}.
	 */
	public static final class Builder {

		private final List<Compare> compares = new ArrayList<>();

		private final List<Op> then = new ArrayList<>();

		private final List<Op> otherwise = new ArrayList<>();

		private Builder() {
		}

		/**
		 * Adds conditions.
		 * @param conditions the conditions
		 * @return this builder
		 */
		public Builder when(Compare... conditions) {
			this.compares.addAll(List.of(conditions));
			return this;
		}

		/**
		 * Adds operations run when the conditions hold.
		 * @param operations the operations
		 * @return this builder
		 */
		public Builder then(Op... operations) {
			this.then.addAll(List.of(operations));
			return this;
		}

		/**
		 * Adds operations run when a condition does not hold.
		 * @param operations the operations
		 * @return this builder
		 */
		public Builder otherwise(Op... operations) {
			this.otherwise.addAll(List.of(operations));
			return this;
		}

		/**
		 * Builds the transaction.
		 * @return the transaction
		 */
		public Txn build() {
			return new Txn(this.compares, this.then, this.otherwise);
		}

	}

}
