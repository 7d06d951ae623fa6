package io.coordination;

/**
 * The caller no longer holds what it acquired: its session expired, its lease time elapsed, or an operator released
 * it. Work protected by the lease must stop; its fencing token is stale.
 */
public class OwnershipLostException extends CoordinationException {

	private static final long serialVersionUID = 1L;

	private final String resource;

	private final long fencingToken;

	private final LostReason reason;

	/**
	 * Creates the exception.
	 * @param resource name of the lost resource
	 * @param fencingToken token of the lost lease
	 * @param reason why it was lost, or {@code null} when it is not known yet (the session is suspended)
	 */
	public OwnershipLostException(String resource, long fencingToken, LostReason reason) {
		super(message(resource, fencingToken, reason));
		this.resource = resource;
		this.fencingToken = fencingToken;
		this.reason = reason;
	}

	private static String message(String resource, long fencingToken, LostReason reason) {
		String why = (reason != null) ? "lost (" + reason + ")"
				: "no longer safe to use: the session cannot reach the cluster";
		return "Lease on '" + resource + "' with fencing token " + fencingToken + " is " + why;
	}

	/**
	 * Name of the lost resource.
	 * @return the resource name
	 */
	public String resource() {
		return this.resource;
	}

	/**
	 * Token of the lost lease.
	 * @return the fencing token
	 */
	public long fencingToken() {
		return this.fencingToken;
	}

	/**
	 * Why the lease was lost.
	 * @return the reason, or {@code null} while the session is suspended and the outcome is not known yet
	 */
	public LostReason reason() {
		return this.reason;
	}

}
