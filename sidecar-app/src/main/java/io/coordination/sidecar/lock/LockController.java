package io.coordination.sidecar.lock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.coordination.Coordination;
import io.coordination.Lease;
import io.coordination.lock.DistributedLock;
import io.coordination.lock.LockInfo;
import io.coordination.lock.LockLease;
import io.coordination.lock.LockMode;
import io.coordination.sidecar.SidecarProperties;
import io.coordination.sidecar.session.AppSession;
import io.coordination.sidecar.security.Permissions;
import io.coordination.sidecar.session.AppSessions;
import io.coordination.sidecar.web.ApiException;
import io.coordination.sidecar.web.Durations;
import io.coordination.sidecar.web.Validation;

/**
 * {@code /v1/locks/{name}} (exclusive locks) and {@code /v1/rwlocks/{name}} (read-write locks): acquire under a
 * session with a wait and a lease time, release by fencing token, inspect holders and waiters. Every grant carries
 * its fencing token.
 */
@RestController
public class LockController {

	/** Owner of holds taken by a client that names none. */
	public static final String DEFAULT_OWNER = "http";

	private final AppSessions sessions;

	private final Coordination coordination;

	private final SidecarProperties properties;

	LockController(AppSessions sessions, Coordination coordination, SidecarProperties properties) {
		this.sessions = sessions;
		this.coordination = coordination;
		this.properties = properties;
	}

	/**
	 * A grant.
	 *
	 * @param resource the lock
	 * @param token its fencing token
	 * @param mode exclusive, read or write
	 * @param grantedAt when the cluster granted it
	 * @param session the session holding it
	 * @param owner the owner within the session
	 */
	public record Grant(String resource, long token, LockMode mode, Instant grantedAt, String session, String owner) {
	}

	@PostMapping("/v1/locks/{name}")
	ResponseEntity<Object> acquire(@PathVariable String name, @RequestParam(required = false) String session,
			@RequestParam(defaultValue = DEFAULT_OWNER) String owner, @RequestParam(required = false) String wait,
			@RequestParam(required = false) String lease) {
		return acquire(name, LockMode.EXCLUSIVE, session, owner, wait, lease);
	}

	@PostMapping("/v1/rwlocks/{name}")
	ResponseEntity<Object> acquireReadWrite(@PathVariable String name, @RequestParam String mode,
			@RequestParam(required = false) String session, @RequestParam(defaultValue = DEFAULT_OWNER) String owner,
			@RequestParam(required = false) String wait, @RequestParam(required = false) String lease) {
		return acquire(name, mode(mode), session, owner, wait, lease);
	}

	private ResponseEntity<Object> acquire(String name, LockMode mode, String sessionId, String owner, String wait,
			String lease) {
		Validation.name("name", name);
		Validation.name("owner", owner);
		AppSession session = this.sessions.get(sessionId);
		Duration waitTime = Durations.waitTime(wait, this.properties.getMaxWait());
		Duration leaseTime = Durations.parse("lease", lease, Durations.LONGEST);
		if (leaseTime != null && leaseTime.isZero()) {
			throw ApiException.invalid("lease", "must be positive");
		}
		DistributedLock lock = lock(session.client(), name, mode);
		Optional<LockLease> granted = session.as(owner, () -> (leaseTime != null)
				? ((waitTime != null) ? lock.tryLock(waitTime, leaseTime) : Optional.of(lock.lock(leaseTime)))
				: ((waitTime != null) ? lock.tryLock(waitTime) : Optional.of(lock.lock())));
		if (granted.isEmpty()) {
			throw new ApiException(HttpStatus.CONFLICT, "LOCK_NOT_ACQUIRED", null,
					"Lock '" + name + "' is held by another owner" + ((waitTime != null && !waitTime.isZero())
							? " (waited " + waitTime + ")" : ""))
				.with("lock", name);
		}
		LockLease acquired = granted.get();
		session.hold(acquired);
		return ResponseEntity.ok(new Grant(name, acquired.fencingToken(), acquired.mode(), acquired.grantedAt(),
				session.id(), owner));
	}

	@DeleteMapping({ "/v1/locks/{name}/holds/{token}", "/v1/rwlocks/{name}/holds/{token}" })
	ResponseEntity<Void> release(@PathVariable String name, @PathVariable long token, @RequestParam String session) {
		if (!this.sessions.get(session).release(token, name, LockLease.class)) {
			throw ApiException.notFound("NOT_HELD",
					"Session " + session + " holds no lease of '" + name + "' with token " + token);
		}
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/v1/locks/{name}")
	LockInfo info(@PathVariable String name) {
		return this.coordination.lock(Validation.name("name", name)).info();
	}

	@GetMapping("/v1/rwlocks/{name}")
	LockInfo readWriteInfo(@PathVariable String name) {
		return this.coordination.readWriteLock(Validation.name("name", name)).info();
	}

	@GetMapping("/v1/locks/{name}/holds/{token}")
	ResponseEntity<Map<String, Object>> held(@PathVariable String name, @PathVariable long token) {
		return held(this.coordination.lock(Validation.name("name", name)), name, token);
	}

	@GetMapping("/v1/rwlocks/{name}/holds/{token}")
	ResponseEntity<Map<String, Object>> heldReadWrite(@PathVariable String name, @PathVariable long token,
			@RequestParam String mode) {
		return held(side(this.coordination, name, mode), name, token);
	}

	private static ResponseEntity<Map<String, Object>> held(DistributedLock lock, String name, long token) {
		if (!lock.isHeldBy(token)) {
			throw ApiException.notFound("NOT_HELD", "No hold of '" + name + "' with token " + token);
		}
		return ResponseEntity.ok(Map.of("lock", name, "token", token, "held", true));
	}

	@DeleteMapping("/v1/locks/{name}")
	Map<String, Object> forceRelease(@PathVariable String name, @RequestParam(required = false) Long token,
			HttpServletRequest request) {
		requireOperator(request, "locks/" + name);
		return forceRelease(this.coordination.lock(Validation.name("name", name)), name, token);
	}

	@DeleteMapping("/v1/rwlocks/{name}")
	Map<String, Object> forceReleaseReadWrite(@PathVariable String name, @RequestParam String mode,
			@RequestParam(required = false) Long token, HttpServletRequest request) {
		requireOperator(request, "rwlocks/" + name);
		return forceRelease(side(this.coordination, name, mode), name, token);
	}

	/**
	 * Taking a lock from its holder is an operator's act: writing the lock's prefix is not enough.
	 */
	private static void requireOperator(HttpServletRequest request, String resource) {
		Permissions permissions = Permissions.of(request);
		if (!permissions.administers()) {
			throw new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN", "name",
					((permissions.token() != null) ? "Token '" + permissions.token() + "'" : "This request")
							+ " may not force the release of '" + resource + "': that needs write:*")
				.with("resource", resource);
		}
	}

	private static Map<String, Object> forceRelease(DistributedLock lock, String name, Long token) {
		boolean released = (token != null) ? lock.forceRelease(token) : lock.forceRelease();
		return Map.of("lock", name, "released", released);
	}

	@GetMapping("/v1/locks")
	List<LockInfo> all() {
		return this.coordination.inspector().locks();
	}

	/** The {@code mode} of a read-write lock request: {@code read} or {@code write}. */
	private static LockMode mode(String mode) {
		return switch (mode.toLowerCase(Locale.ROOT)) {
			case "read" -> LockMode.READ;
			case "write" -> LockMode.WRITE;
			default -> throw ApiException.invalid("mode", "must be 'read' or 'write', not '" + mode + "'");
		};
	}

	private static DistributedLock side(Coordination client, String name, String mode) {
		return lock(client, Validation.name("name", name), mode(mode));
	}

	private static DistributedLock lock(Coordination client, String name, LockMode mode) {
		return switch (mode) {
			case EXCLUSIVE -> client.lock(name);
			case READ -> client.readWriteLock(name).readLock();
			case WRITE -> client.readWriteLock(name).writeLock();
		};
	}

}
