package io.coordination;

/**
 * A write was refused because it would take the cluster's stored data past a configured budget (the key-value store
 * also holds configuration documents, registrations and group members). Nothing was changed. Deleting keys frees room;
 * operators can raise the budget ({@code coordination.kv.max-bytes}) if the voters' memory allows it.
 */
public class QuotaExceededException extends CoordinationException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message which budget, its size and what the write needed
	 */
	public QuotaExceededException(String message) {
		super(message);
	}

}
