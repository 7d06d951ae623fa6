package io.coordination.sidecar.discovery;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.coordination.Coordination;
import io.coordination.discovery.HealthStatus;
import io.coordination.discovery.RegisteredInstance;
import io.coordination.discovery.ServiceInstance;
import io.coordination.discovery.ServiceRegistration;
import io.coordination.discovery.ServiceRegistry;
import io.coordination.sidecar.SidecarProperties;
import io.coordination.sidecar.config.Segments;
import io.coordination.sidecar.config.WatchStreams;
import io.coordination.sidecar.kv.KeyValueController;
import io.coordination.sidecar.kv.KvWaits;
import io.coordination.sidecar.session.AppSession;
import io.coordination.sidecar.session.AppSessions;
import io.coordination.sidecar.web.ApiException;
import io.coordination.sidecar.web.Durations;
import io.coordination.sidecar.web.Validation;

/**
 * {@code /v1/services}: the service registry. Register an instance (ephemeral ones are bound to an application
 * session and go when it ends), pass its TTL check, report its health, deregister it; list instances (all or only
 * the passing ones) and service names; watch a service, or every service, change.
 */
@RestController
public class ServiceController {

	/** Where the cluster keeps the instances (the core's layout: one key per instance below the service). */
	private static final String SERVICES = "/_services/";

	private final AppSessions sessions;

	private final Coordination coordination;

	private final WatchStreams watches;

	private final SidecarProperties properties;

	ServiceController(AppSessions sessions, Coordination coordination, WatchStreams watches,
			SidecarProperties properties) {
		this.properties = properties;
		this.sessions = sessions;
		this.coordination = coordination;
		this.watches = watches;
	}

	/**
	 * An instance to register.
	 *
	 * @param host host clients connect to
	 * @param port port clients connect to, 0 to 65535
	 * @param metadata key/value data (optional)
	 * @param tags tags (optional)
	 * @param zone availability zone (optional)
	 * @param ttl a passive check: the instance turns CRITICAL unless it heartbeats within this time, for example
	 * {@code "10s"} (optional)
	 * @param deregisterCriticalAfter remove the instance once it has been CRITICAL this long (optional)
	 * @param ephemeral whether it goes with the session given as {@code ?session=} (default: whether a session is
	 * given)
	 */
	public record Registration(String host, Integer port, Map<String, String> metadata, List<String> tags,
			String zone, String ttl, String deregisterCriticalAfter, Boolean ephemeral) {

		ServiceRegistration toRegistration(String service, String instanceId, boolean session) {
			Validation.name("host", this.host);
			if (this.port == null) {
				throw ApiException.invalid("port", "'port' is required");
			}
			if (this.port < 0 || this.port > 65535) {
				throw ApiException.invalid("port", "port must be between 0 and 65535: " + this.port);
			}
			Map<String, String> data = Records.metadata(this.metadata);
			List<String> labels = Records.tags(this.tags);
			if (this.zone != null) {
				Validation.name("zone", this.zone);
			}
			Duration checkTtl = Records.positive("ttl", this.ttl);
			Duration deregisterAfter = Records.positive("deregisterCriticalAfter", this.deregisterCriticalAfter);
			return new ServiceRegistration(service, instanceId, this.host, this.port, data, labels, this.zone, checkTtl,
					deregisterAfter, (this.ephemeral != null) ? this.ephemeral : session);
		}

	}

	/**
	 * A registered instance.
	 *
	 * @param service service
	 * @param instanceId instance id
	 * @param host host
	 * @param port port
	 * @param metadata metadata
	 * @param tags tags
	 * @param zone zone
	 * @param ttl TTL of its passive check
	 * @param deregisterCriticalAfter deregistration delay of a critical instance
	 * @param ephemeral whether it goes with its session
	 * @param session the session it is bound to, if ephemeral
	 */
	public record Registered(String service, String instanceId, String host, int port, Map<String, String> metadata,
			List<String> tags, String zone, Duration ttl, Duration deregisterCriticalAfter, boolean ephemeral,
			String session) {

		static Registered of(ServiceRegistration registration, String session) {
			return new Registered(registration.service(), registration.instanceId(), registration.host(),
					registration.port(), registration.metadata(), registration.tags(), registration.zone(),
					registration.ttl(), registration.deregisterCriticalAfter(), registration.ephemeral(),
					registration.ephemeral() ? session : null);
		}

	}

	/**
	 * The result of a check of an instance.
	 *
	 * @param status {@code PASSING}, {@code WARNING} or {@code CRITICAL}
	 * @param output what the check said
	 */
	public record Health(String status, String output) {

		HealthStatus checkedStatus() {
			if (this.status == null || this.status.isBlank()) {
				throw ApiException.invalid("status", "'status' is required: PASSING, WARNING or CRITICAL");
			}
			try {
				return HealthStatus.valueOf(this.status.trim().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw ApiException.invalid("status", "status must be PASSING, WARNING or CRITICAL, not '"
						+ this.status + "'");
			}
		}

	}

	/**
	 * First event of a watch: the watched services that have instances, with them.
	 *
	 * @param services instances by service
	 */
	public record ServicesSnapshot(Map<String, List<ServiceInstance>> services) {
	}

	/**
	 * The instances of a service changed.
	 *
	 * @param service the service
	 * @param instances all its instances now, healthy or not
	 */
	public record InstancesChanged(String service, List<ServiceInstance> instances) {
	}

	private ServiceRegistry registry() {
		return this.coordination.discovery();
	}

	@PutMapping("/v1/services/{service}/instances/{instanceId}")
	Registered register(@PathVariable String service, @PathVariable String instanceId,
			@RequestParam(required = false) String session, @RequestBody Registration request) {
		check(service, instanceId);
		ServiceRegistration registration = request.toRegistration(service, instanceId, session != null);
		String key = key(service, instanceId);
		if (!registration.ephemeral()) {
			register(registry(), registration);
			forget(key, null);
			return Registered.of(registration, null);
		}
		if (session == null) {
			throw ApiException.invalid("session",
					"an ephemeral instance is bound to a session: give ?session= (or register it with ephemeral false)");
		}
		AppSession owner = this.sessions.get(session);
		RegisteredInstance registered = register(owner.client().discovery(), registration);
		forget(key, owner);
		owner.keep(key, registered);
		if (owner.ended()) {
			// ended meanwhile, after releasing what it kept: the instance went with its cluster session
			owner.forget(key);
			this.sessions.get(owner.id());
		}
		return Registered.of(registration, owner.id());
	}

	private static RegisteredInstance register(ServiceRegistry registry, ServiceRegistration registration) {
		try {
			return registry.register(registration);
		}
		catch (IllegalStateException ex) {
			// registered by another live session
			throw new ApiException(HttpStatus.CONFLICT, "INSTANCE_EXISTS", "instanceId", ex.getMessage())
				.with("service", registration.service())
				.with("instanceId", registration.instanceId());
		}
	}

	@PutMapping("/v1/services/{service}/instances/{instanceId}/heartbeat")
	ResponseEntity<Void> heartbeat(@PathVariable String service, @PathVariable String instanceId) {
		check(service, instanceId);
		return registered(registry().heartbeat(service, instanceId), service, instanceId);
	}

	@PutMapping("/v1/services/{service}/instances/{instanceId}/health")
	ResponseEntity<Void> health(@PathVariable String service, @PathVariable String instanceId,
			@RequestBody Health request) {
		check(service, instanceId);
		HealthStatus status = request.checkedStatus();
		return registered(registry().reportHealth(service, instanceId, status,
				(request.output() != null) ? request.output() : ""), service, instanceId);
	}

	@DeleteMapping("/v1/services/{service}/instances/{instanceId}")
	ResponseEntity<Void> deregister(@PathVariable String service, @PathVariable String instanceId) {
		check(service, instanceId);
		boolean removed = false;
		// through the session that registered it: it stops registering it again
		for (AppSession session : this.sessions.all()) {
			if (session.forget(key(service, instanceId)).isPresent()) {
				removed |= session.client().discovery().deregister(service, instanceId);
			}
		}
		if (!removed) {
			removed = registry().deregister(service, instanceId);
		}
		return registered(removed, service, instanceId);
	}

	/**
	 * The instances of a service; with {@code index} a blocking query: answers when they changed after that revision
	 * (or after {@code wait}), with the revision to ask from next in {@code X-Coordination-Index}.
	 */
	@GetMapping("/v1/services/{service}")
	ResponseEntity<List<ServiceInstance>> instances(@PathVariable String service,
			@RequestParam(defaultValue = "false") boolean healthy, @RequestParam(required = false) Long index,
			@RequestParam(required = false) String wait) {
		Validation.index(index);
		Segments.check("service", "service", service);
		long revision = KvWaits.blockingQuery(this.coordination.keyValue(), SERVICES + service + "/", index,
				Durations.blockingWait(wait, this.properties.getMaxWait()));
		return ResponseEntity.ok()
			.header(KeyValueController.INDEX_HEADER, Long.toString(revision))
			.body(healthy ? registry().healthyInstances(service) : registry().instances(service));
	}

	@GetMapping("/v1/services/{service}/instances/{instanceId}")
	ServiceInstance instance(@PathVariable String service, @PathVariable String instanceId) {
		check(service, instanceId);
		return registry().instances(service)
			.stream()
			.filter((instance) -> instance.instanceId().equals(instanceId))
			.findFirst()
			.orElseThrow(() -> notFound(service, instanceId));
	}

	@GetMapping(path = "/v1/services", produces = MediaType.APPLICATION_JSON_VALUE)
	List<String> services() {
		return registry().services();
	}

	/**
	 * Streams one service: a {@code snapshot} event, then an {@code instances} event whenever its instances change.
	 */
	@GetMapping(path = "/v1/services/{service}/watch", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter watch(@PathVariable String service) {
		Segments.check("service", "service", service);
		List<ServiceInstance> instances = registry().instances(service);
		// read before the watch starts: what it reports is newer
		ServicesSnapshot current = new ServicesSnapshot(instances.isEmpty() ? Map.of() : Map.of(service, instances));
		return this.watches.stream("service '" + service + "'", (stream) -> registry().watch(service,
				(name, changed) -> stream.send("instances", new InstancesChanged(name, changed))), () -> current);
	}

	/**
	 * Streams every service: a {@code snapshot} event, then an {@code instances} event whenever the instances of a
	 * service change.
	 */
	@GetMapping(path = "/v1/services", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter watchAll() {
		Map<String, List<ServiceInstance>> all = new LinkedHashMap<>();
		for (String service : registry().services()) {
			List<ServiceInstance> instances = registry().instances(service);
			if (!instances.isEmpty()) {
				all.put(service, instances);
			}
		}
		ServicesSnapshot current = new ServicesSnapshot(all);
		return this.watches.stream("every service", (stream) -> registry().watch(null,
				(name, changed) -> stream.send("instances", new InstancesChanged(name, changed))), () -> current);
	}

	/**
	 * Forgets a registration kept by the sessions of this sidecar (but one): registered again, it is no longer
	 * theirs to end.
	 */
	private void forget(String key, AppSession except) {
		for (AppSession session : this.sessions.all()) {
			if (session != except) {
				session.forget(key);
			}
		}
	}

	private static ResponseEntity<Void> registered(boolean registered, String service, String instanceId) {
		if (!registered) {
			throw notFound(service, instanceId);
		}
		return ResponseEntity.noContent().build();
	}

	private static ApiException notFound(String service, String instanceId) {
		return ApiException.notFound("INSTANCE_NOT_FOUND",
				"Instance '" + instanceId + "' of service '" + service + "' is not registered");
	}

	private static String key(String service, String instanceId) {
		return "service:" + service + "/" + instanceId;
	}

	private static void check(String service, String instanceId) {
		Segments.check("service", "service", service);
		Segments.check("instanceId", "instance id", instanceId);
	}

}
