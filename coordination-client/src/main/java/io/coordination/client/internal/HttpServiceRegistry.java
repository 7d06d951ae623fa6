package io.coordination.client.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

import io.coordination.InputRules;
import io.coordination.discovery.HealthStatus;
import io.coordination.discovery.RegisteredInstance;
import io.coordination.discovery.ServiceInstance;
import io.coordination.discovery.ServiceListener;
import io.coordination.discovery.ServiceRegistration;
import io.coordination.discovery.ServiceRegistry;
import io.coordination.kv.KeyRules;

/**
 * The service registry through the sidecar. Ephemeral instances are registered under the client's application
 * session, so that they go when it ends; like an embedded client, the client registers them again in the next session
 * that replaces an ended one. Watches follow the sidecar's watch streams and resume after a reconnect.
 */
public final class HttpServiceRegistry implements ServiceRegistry {

	private static final String NOT_FOUND = "INSTANCE_NOT_FOUND";

	private static final String EXISTS = "INSTANCE_EXISTS";

	private final ClientSession session;

	private final Api api;

	private final SessionBindings bindings;

	/**
	 * Creates the registry of a client.
	 * @param session the client's session
	 * @param api the API
	 */
	public HttpServiceRegistry(ClientSession session, Api api) {
		this.session = session;
		this.api = api;
		this.bindings = SessionBindings.of(session);
	}

	private static String path(String service, String instanceId) {
		return "/v1/services/" + Api.segment(service) + "/instances/" + Api.segment(instanceId);
	}

	@Override
	public RegisteredInstance register(ServiceRegistration registration) {
		Objects.requireNonNull(registration, "registration");
		KeyRules.segment("service", registration.service());
		KeyRules.segment("instance id", registration.instanceId());
		InputRules.name("host", registration.host());
		InputRules.metadata(registration.metadata());
		InputRules.tags(registration.tags());
		if (registration.zone() != null) {
			InputRules.name("zone", registration.zone());
		}
		InputRules.millis("ttl", registration.ttl());
		InputRules.millis("deregisterCriticalAfter", registration.deregisterCriticalAfter());
		Handle handle = new Handle(registration);
		// replaces any earlier registration of the instance through this client
		this.bindings.unbindIf((binding) -> binding instanceof Handle earlier
				&& earlier.is(registration.service(), registration.instanceId()));
		if (registration.ephemeral()) {
			// remembered before the call, so that a session replaced meanwhile registers it again
			this.bindings.bind(handle);
		}
		try {
			while (true) {
				String current = this.session.appSessionId();
				try {
					send(registration, current);
					break;
				}
				catch (ProblemException ex) {
					if (EXISTS.equals(ex.problem().code())) {
						throw new IllegalStateException(ex.problem().detail(), ex);
					}
					// the session ended meanwhile: registered in the next one
					this.bindings.awaitNewSession(current, this.api.timeout());
				}
			}
		}
		catch (RuntimeException ex) {
			this.bindings.unbind(handle);
			throw ex;
		}
		return handle;
	}

	/**
	 * Registers an instance, an ephemeral one under a session.
	 * @throws ProblemException if another live session registered it, or if the session of an ephemeral instance
	 * has ended
	 */
	private void send(ServiceRegistration registration, String appSession) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("host", registration.host());
		body.put("port", registration.port());
		body.put("metadata", registration.metadata());
		body.put("tags", registration.tags());
		body.put("zone", registration.zone());
		body.put("ttl", text(registration.ttl()));
		body.put("deregisterCriticalAfter", text(registration.deregisterCriticalAfter()));
		body.put("ephemeral", registration.ephemeral());
		Api.Call call = this.api.call("PUT", path(registration.service(), registration.instanceId()))
			.json(body)
			.expect(EXISTS);
		if (registration.ephemeral()) {
			call.param("session", appSession).expect("SESSION_ENDED", "SESSION_NOT_FOUND");
		}
		call.execute();
	}

	private static String text(Duration duration) {
		return (duration != null) ? duration.toString() : null;
	}

	@Override
	public boolean heartbeat(String service, String instanceId) {
		check(service, instanceId);
		return found(this.api.call("PUT", path(service, instanceId) + "/heartbeat").expect(NOT_FOUND));
	}

	@Override
	public boolean reportHealth(String service, String instanceId, HealthStatus status, String output) {
		check(service, instanceId);
		Objects.requireNonNull(status, "status");
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", status.name());
		body.put("output", output);
		return found(this.api.call("PUT", path(service, instanceId) + "/health").json(body).expect(NOT_FOUND));
	}

	@Override
	public boolean deregister(String service, String instanceId) {
		check(service, instanceId);
		this.bindings.unbindIf((binding) -> binding instanceof Handle handle && handle.is(service, instanceId));
		return found(this.api.call("DELETE", path(service, instanceId)).expect(NOT_FOUND));
	}

	private static boolean found(Api.Call call) {
		try {
			call.execute();
			return true;
		}
		catch (ProblemException ex) {
			return false;
		}
	}

	@Override
	public List<ServiceInstance> instances(String service) {
		KeyRules.segment("service", service);
		return this.api.list(this.api.call("GET", "/v1/services/" + Api.segment(service)), ServiceInstance.class);
	}

	@Override
	public List<ServiceInstance> healthyInstances(String service) {
		KeyRules.segment("service", service);
		return this.api.list(this.api.call("GET", "/v1/services/" + Api.segment(service)).param("healthy", true),
				ServiceInstance.class);
	}

	@Override
	public List<String> services() {
		return this.api.list(this.api.call("GET", "/v1/services"), String.class);
	}

	@Override
	public AutoCloseable watch(String service, ServiceListener listener) {
		Objects.requireNonNull(listener, "listener");
		if (service != null) {
			KeyRules.segment("service", service);
		}
		String description = (service != null) ? "service '" + service + "'" : "every service";
		String path = (service != null) ? "/v1/services/" + Api.segment(service) + "/watch" : "/v1/services";
		return new Watch(this.session, this.api, description, listener).start(path);
	}

	private static void check(String service, String instanceId) {
		KeyRules.segment("service", service);
		KeyRules.segment("instance id", instanceId);
	}

	@Override
	public String toString() {
		return "service registry via the sidecar";
	}

	/**
	 * An instance registered through this client.
	 */
	private final class Handle implements RegisteredInstance, SessionBindings.Binding {

		private final ServiceRegistration registration;

		Handle(ServiceRegistration registration) {
			this.registration = registration;
		}

		boolean is(String service, String instanceId) {
			return this.registration.service().equals(service) && this.registration.instanceId().equals(instanceId);
		}

		@Override
		public ServiceRegistration registration() {
			return this.registration;
		}

		@Override
		public void heartbeat() {
			HttpServiceRegistry.this.heartbeat(this.registration.service(), this.registration.instanceId());
		}

		@Override
		public void reportHealth(HealthStatus status, String output) {
			HttpServiceRegistry.this.reportHealth(this.registration.service(), this.registration.instanceId(), status,
					output);
		}

		@Override
		public void bindAgain() {
			try {
				send(this.registration, HttpServiceRegistry.this.session.appSessionId());
			}
			catch (ProblemException ex) {
				if (EXISTS.equals(ex.problem().code())) {
					throw new IllegalStateException(ex.problem().detail(), ex);
				}
				// ended again: registered in the next session
			}
		}

		@Override
		public void close() {
			HttpServiceRegistry.this.bindings.unbind(this);
			deregister(this.registration.service(), this.registration.instanceId());
		}

		@Override
		public String toString() {
			return "instance '" + this.registration.instanceId() + "' of service '" + this.registration.service() + "'";
		}

	}

	/**
	 * A watch: tells the listener each service's instances whenever they differ from what it was last told.
	 */
	private static final class Watch extends SnapshotWatch {

		private final ServiceListener listener;

		/** Instances by service as the listener was last told, on the stream's thread. */
		private final Map<String, List<ServiceInstance>> known = new TreeMap<>();

		Watch(ClientSession session, Api api, String description, ServiceListener listener) {
			super(session, api, description);
			this.listener = listener;
		}

		@Override
		protected void snapshot(JsonNode data) {
			Map<String, List<ServiceInstance>> now = new TreeMap<>();
			for (Map.Entry<String, JsonNode> service : data.path("services").properties()) {
				now.put(service.getKey(), instances(service.getValue()));
			}
			for (String gone : new ArrayList<>(this.known.keySet())) {
				if (!now.containsKey(gone)) {
					changed(gone, List.of());
				}
			}
			now.forEach(this::changed);
		}

		@Override
		protected void change(String type, JsonNode data) {
			if ("instances".equals(type)) {
				changed(data.path("service").asString(), instances(data.path("instances")));
			}
		}

		private List<ServiceInstance> instances(JsonNode list) {
			List<ServiceInstance> instances = new ArrayList<>();
			list.forEach((instance) -> instances.add(convert(instance, ServiceInstance.class)));
			return List.copyOf(instances);
		}

		private void changed(String service, List<ServiceInstance> instances) {
			if (instances.equals(this.known.getOrDefault(service, List.of()))) {
				return; // heard already
			}
			if (instances.isEmpty()) {
				this.known.remove(service);
			}
			else {
				this.known.put(service, instances);
			}
			tell(() -> this.listener.instancesChanged(service, instances));
		}

	}

}
