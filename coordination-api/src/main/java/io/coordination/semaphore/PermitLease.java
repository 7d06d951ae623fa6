package io.coordination.semaphore;

import io.coordination.Lease;

/**
 * Permits held from a {@link DistributedSemaphore}. Close it to return them.
 */
public interface PermitLease extends Lease {

	/**
	 * How many permits this lease holds.
	 * @return the number of permits
	 */
	int permits();

}
