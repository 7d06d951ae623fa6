package io.coordination.sidecar.check;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.coordination.discovery.HealthStatus;
import io.coordination.sidecar.web.ApiException;
import io.coordination.sidecar.security.Permissions;
import io.coordination.sidecar.web.Durations;
import io.coordination.sidecar.web.Validation;

/**
 * {@code /v1/checks}: health checks of the application run by this sidecar. {@code PUT /v1/checks/{id}} registers
 * one; the application reports TTL checks with {@code PUT /v1/checks/{id}/pass|warn|fail}.
 */
@RestController
@RequestMapping("/v1/checks")
public class CheckController {

	private final HealthChecks checks;

	CheckController(HealthChecks checks) {
		this.checks = checks;
	}

	/**
	 * A check to register.
	 *
	 * @param type http, tcp or ttl
	 * @param url URL of an http check
	 * @param address host:port of a tcp check
	 * @param interval how often an active check runs, for example "10s"
	 * @param timeout longest wait for an active check
	 * @param ttl TTL of a ttl check
	 * @param service service of the instance the check belongs to
	 * @param instanceId the instance the check belongs to
	 * @param deregisterCriticalAfter deregister the instance after the check has been critical this long
	 */
	public record NewCheck(String type, String url, String address, String interval, String timeout, String ttl,
			String service, String instanceId, String deregisterCriticalAfter) {
	}

	/**
	 * A report on a TTL check.
	 *
	 * @param output what the application says
	 */
	public record Report(String output) {
	}

	@PutMapping("/{id}")
	HealthChecks.CheckState register(@PathVariable String id, @RequestBody NewCheck request,
			HttpServletRequest http) {
		CheckSpec spec = new CheckSpec();
		if (request.type() == null) {
			throw ApiException.invalid("type", "'type' is required: http, tcp or ttl");
		}
		try {
			spec.setType(CheckSpec.CheckType.valueOf(request.type().toUpperCase(Locale.ROOT)));
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.invalid("type", "'type' must be http, tcp or ttl, not '" + request.type() + "'");
		}
		spec.setUrl(request.url());
		spec.setAddress(request.address());
		if (request.interval() != null) {
			spec.setInterval(Durations.parse("interval", request.interval(), Durations.LONGEST));
		}
		if (request.timeout() != null) {
			spec.setTimeout(Durations.parse("timeout", request.timeout(), Durations.LONGEST));
		}
		if (request.ttl() != null) {
			spec.setTtl(Durations.parse("ttl", request.ttl(), Durations.LONGEST));
		}
		spec.setService(request.service());
		spec.setInstanceId(request.instanceId());
		spec.setDeregisterCriticalAfter(
				Durations.parse("deregisterCriticalAfter", request.deregisterCriticalAfter(), Durations.LONGEST));
		Permissions permissions = Permissions.of(http);
		if (request.service() != null && request.instanceId() != null) {
			// a check sets the health of, and may deregister, its instance: the caller must be allowed to write it
			Validation.name("service", request.service());
			Validation.name("instanceId", request.instanceId());
			permissions.require("services/" + request.service() + "/instances/" + request.instanceId(), true,
					"instanceId");
		}
		return this.checks.register(id, spec, caller(permissions));
	}

	private static HealthChecks.Caller caller(Permissions permissions) {
		return new HealthChecks.Caller(permissions.token(), permissions.administers());
	}

	@GetMapping
	List<HealthChecks.CheckState> all() {
		return this.checks.all();
	}

	@GetMapping("/{id}")
	HealthChecks.CheckState get(@PathVariable String id) {
		return this.checks.get(id);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> remove(@PathVariable String id, HttpServletRequest http) {
		if (!this.checks.remove(id, caller(Permissions.of(http)))) {
			throw ApiException.notFound("CHECK_NOT_FOUND", "No check '" + id + "'");
		}
		return ResponseEntity.noContent().build();
	}

	@PutMapping("/{id}/pass")
	HealthChecks.CheckState pass(@PathVariable String id, @RequestBody(required = false) Report report,
			HttpServletRequest http) {
		return this.checks.report(id, HealthStatus.PASSING, (report != null) ? report.output() : null,
				caller(Permissions.of(http)));
	}

	@PutMapping("/{id}/warn")
	HealthChecks.CheckState warn(@PathVariable String id, @RequestBody(required = false) Report report,
			HttpServletRequest http) {
		return this.checks.report(id, HealthStatus.WARNING, (report != null) ? report.output() : null,
				caller(Permissions.of(http)));
	}

	@PutMapping("/{id}/fail")
	HealthChecks.CheckState fail(@PathVariable String id, @RequestBody(required = false) Report report,
			HttpServletRequest http) {
		return this.checks.report(id, HealthStatus.CRITICAL, (report != null) ? report.output() : null,
				caller(Permissions.of(http)));
	}

}
