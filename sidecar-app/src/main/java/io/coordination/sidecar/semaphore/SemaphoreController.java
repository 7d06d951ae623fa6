package io.coordination.sidecar.semaphore;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
import io.coordination.semaphore.DistributedSemaphore;
import io.coordination.semaphore.PermitLease;
import io.coordination.semaphore.SemaphoreInfo;
import io.coordination.sidecar.SidecarProperties;
import io.coordination.sidecar.lock.LockController;
import io.coordination.sidecar.session.AppSession;
import io.coordination.sidecar.session.AppSessions;
import io.coordination.sidecar.web.ApiException;
import io.coordination.sidecar.web.Durations;
import io.coordination.sidecar.web.Validation;

/**
 * {@code /v1/semaphores/{name}}: acquire permits under a session with a wait and a lease time, release them by
 * fencing token, inspect holders and waiters. Every acquisition states the total permit count it expects; a
 * semaphore in use with another count answers {@code 409 PERMIT_COUNT_MISMATCH}.
 */
@RestController
public class SemaphoreController {

	private final AppSessions sessions;

	private final Coordination coordination;

	private final SidecarProperties properties;

	SemaphoreController(AppSessions sessions, Coordination coordination, SidecarProperties properties) {
		this.sessions = sessions;
		this.coordination = coordination;
		this.properties = properties;
	}

	/**
	 * A grant of permits.
	 *
	 * @param resource the semaphore
	 * @param token the grant's fencing token
	 * @param permits how many permits it holds
	 * @param total the semaphore's total permit count
	 * @param grantedAt when the cluster granted them
	 * @param session the session holding them
	 * @param owner the owner within the session
	 */
	public record Grant(String resource, long token, int permits, int total, Instant grantedAt, String session,
			String owner) {
	}

	@PostMapping("/v1/semaphores/{name}")
	ResponseEntity<Grant> acquire(@PathVariable String name, @RequestParam int total,
			@RequestParam(defaultValue = "1") int permits, @RequestParam(required = false) String session,
			@RequestParam(defaultValue = LockController.DEFAULT_OWNER) String owner,
			@RequestParam(required = false) String wait, @RequestParam(required = false) String lease) {
		Validation.name("name", name);
		Validation.name("owner", owner);
		Validation.positive("total", total);
		Validation.positive("permits", permits);
		if (permits > total) {
			throw ApiException.invalid("permits",
					"Cannot acquire " + permits + " permits of semaphore '" + name + "' which has " + total);
		}
		Duration waitTime = Durations.waitTime(wait, this.properties.getMaxWait());
		Duration leaseTime = Durations.parse("lease", lease, Durations.LONGEST);
		if (leaseTime != null && leaseTime.isZero()) {
			throw ApiException.invalid("lease", "'lease' must be positive: " + lease);
		}
		AppSession holder = this.sessions.get(session);
		DistributedSemaphore semaphore = holder.client().semaphore(name, total);
		Optional<PermitLease> granted = holder.as(owner, () -> {
			if (leaseTime != null) {
				return semaphore.tryAcquire(permits, (waitTime != null) ? waitTime : this.properties.getMaxWait(),
						leaseTime);
			}
			return (waitTime != null) ? semaphore.tryAcquire(permits, waitTime)
					: Optional.of(semaphore.acquire(permits));
		});
		if (granted.isEmpty()) {
			throw new ApiException(HttpStatus.CONFLICT, "PERMITS_NOT_ACQUIRED", null,
					permits + " permit(s) of semaphore '" + name + "' are not free"
							+ ((waitTime != null && !waitTime.isZero()) ? " (waited " + waitTime + ")" : ""))
				.with("semaphore", name)
				.with("permits", permits);
		}
		PermitLease acquired = granted.get();
		holder.hold(acquired);
		return ResponseEntity.ok(new Grant(name, acquired.fencingToken(), acquired.permits(), total,
				acquired.grantedAt(), holder.id(), owner));
	}

	@DeleteMapping("/v1/semaphores/{name}/holds/{token}")
	ResponseEntity<Void> release(@PathVariable String name, @PathVariable long token, @RequestParam String session) {
		if (!this.sessions.get(session).release(token, name, PermitLease.class)) {
			throw ApiException.notFound("NOT_HELD",
					"Session " + session + " holds no permits of '" + name + "' with token " + token);
		}
		return ResponseEntity.noContent().build();
	}

	/**
	 * A semaphore's holders and waiters.
	 * @param name the semaphore
	 * @param total the total reported for a semaphore not in use
	 * @return its state
	 */
	@GetMapping("/v1/semaphores/{name}")
	SemaphoreInfo info(@PathVariable String name, @RequestParam(defaultValue = "1") int total) {
		return this.coordination.semaphore(Validation.name("name", name), Validation.positive("total", total)).info();
	}

	@GetMapping("/v1/semaphores")
	List<SemaphoreInfo> all() {
		return this.coordination.inspector().semaphores();
	}

}
