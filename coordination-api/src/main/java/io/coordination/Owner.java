package io.coordination;

import java.util.Objects;

/**
 * Who holds or waits for a resource: a client {@code session} of cluster member {@code member}, and the owner
 * {@code id} within that session (for embedded nodes the acquiring thread, for example {@code "worker-1#42"}).
 *
 * @param member id of the cluster member whose session this is
 * @param session id of the session on the cluster
 * @param id owner within the session
 */
public record Owner(String member, long session, String id) {

	/**
	 * Validates the components.
	 * @param member id of the cluster member
	 * @param session id of the session
	 * @param id owner within the session
	 */
	public Owner {
		Objects.requireNonNull(member, "member");
		Objects.requireNonNull(id, "id");
	}

	@Override
	public String toString() {
		return this.id + "@" + this.member + "/" + this.session;
	}

}
