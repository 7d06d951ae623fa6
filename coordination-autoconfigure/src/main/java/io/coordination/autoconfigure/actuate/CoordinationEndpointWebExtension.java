package io.coordination.autoconfigure.actuate;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * HTTP status codes for {@code DELETE /actuator/coordination/{lock}}: 200 released, 404 not held, 409 held by another
 * member, 400 for an invalid lock name.
 */
@EndpointWebExtension(endpoint = CoordinationEndpoint.class)
public class CoordinationEndpointWebExtension {

	private final CoordinationEndpoint endpoint;

	/**
	 * Creates the extension.
	 * @param endpoint the endpoint
	 */
	public CoordinationEndpointWebExtension(CoordinationEndpoint endpoint) {
		this.endpoint = endpoint;
	}

	/**
	 * Releases a lock held by this node.
	 * @param name the lock
	 * @return the outcome with its status
	 */
	@DeleteOperation
	public WebEndpointResponse<CoordinationEndpoint.LockRelease> releaseLock(@Selector String name) {
		CoordinationEndpoint.LockRelease release = this.endpoint.releaseLock(name);
		int status = switch (release.outcome()) {
			case RELEASED -> WebEndpointResponse.STATUS_OK;
			case NOT_HELD -> WebEndpointResponse.STATUS_NOT_FOUND;
			case HELD_ELSEWHERE -> 409;
		};
		return new WebEndpointResponse<>(release, status);
	}

}
