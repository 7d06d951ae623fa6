package io.coordination;

/**
 * Called once when a lease is lost for a reason other than its own {@link Lease#close()}. Runs on a coordination
 * notification thread, never on a Raft thread; keep it short.
 */
@FunctionalInterface
public interface LeaseLostListener {

	/**
	 * The lease was lost.
	 * @param event what was lost and why
	 */
	void leaseLost(LeaseLostEvent event);

}
