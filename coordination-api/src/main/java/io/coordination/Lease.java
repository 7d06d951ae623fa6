package io.coordination;

import java.time.Instant;

/**
 * Something granted by the cluster to one owner: a lock, a read or write hold, a number of permits. Every lease
 * carries a fencing token: strictly greater than the token of every earlier grant of the same resource, to any
 * holder. Pass it to the protected resource, which must refuse a token lower than one it has already seen.
 * <p>
 * Close the lease to release it (try-with-resources). Closing is idempotent and never throws because the lease was
 * lost. A lease is lost when its session expires, its lease time elapses or an operator releases it; the holder is
 * then told through {@link #addLostListener(LeaseLostListener)} and {@link #checkValid()}.
 */
public interface Lease extends AutoCloseable {

	/**
	 * Name of the leased resource.
	 * @return the resource name
	 */
	String resource();

	/**
	 * Fencing token of this grant.
	 * @return the token, positive and strictly increasing per resource across all holders
	 */
	long fencingToken();

	/**
	 * When the cluster granted it, on the cluster's log time.
	 * @return the grant time
	 */
	Instant grantedAt();

	/**
	 * Whether the lease is still held and safe to act on: not closed, not lost, and the local session has been
	 * confirmed alive within its timeout. Returns {@code false} as soon as the session is suspended, before the
	 * cluster has decided whether it expired.
	 * @return whether it is safe to act as the holder
	 */
	boolean isValid();

	/**
	 * Throws unless {@link #isValid()}.
	 * @throws OwnershipLostException if the lease is closed, lost, or its session cannot currently reach the cluster
	 */
	void checkValid();

	/**
	 * Registers a listener called once if the lease is lost. Called at once if it is already lost.
	 * @param listener the listener
	 */
	void addLostListener(LeaseLostListener listener);

	/**
	 * Releases the lease. Idempotent; never throws because the lease was already lost.
	 * @throws CoordinationUnavailableException if the cluster could not be reached to release it (it will then be
	 * released when the session expires or the lease time elapses)
	 */
	@Override
	void close();

}
