package io.coordination.core.internal.client;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.coordination.InputRules;
import io.coordination.core.internal.protocol.Command;
import io.coordination.core.internal.protocol.KeyList;
import io.coordination.core.internal.protocol.Listing;
import io.coordination.core.internal.protocol.Query;
import io.coordination.core.internal.protocol.Result;
import io.coordination.core.internal.state.StoredRecords;
import io.coordination.discovery.HealthStatus;
import io.coordination.discovery.RegisteredInstance;
import io.coordination.discovery.ServiceInstance;
import io.coordination.discovery.ServiceListener;
import io.coordination.discovery.ServiceRegistration;
import io.coordination.discovery.ServiceRegistry;
import io.coordination.kv.KeyRules;
import io.coordination.kv.KeyValue;
import io.coordination.kv.KeyValueEvent;
import io.coordination.kv.KeyValueStore;
import io.coordination.kv.KeyValueWatch;
import io.coordination.kv.ReadConsistency;

/**
 * The service registry of an embedded client. Ephemeral instances registered here are registered again in the next
 * session when a session expires (like an agent re-registering its services).
 */
final class DefaultServiceRegistry implements ServiceRegistry {

	private static final Logger logger = LoggerFactory.getLogger(DefaultServiceRegistry.class);

	private final EmbeddedCoordination client;

	private final KeyValueStore kv;

	private final Set<Handle> ephemeral = ConcurrentHashMap.newKeySet();

	DefaultServiceRegistry(EmbeddedCoordination client, KeyValueStore kv) {
		this.client = client;
		this.kv = kv;
	}

	@Override
	public RegisteredInstance register(ServiceRegistration registration) {
		Objects.requireNonNull(registration, "registration");
		KeyRules.segment("service", registration.service());
		KeyRules.segment("instance id", registration.instanceId());
		InputRules.name("host", registration.host());
		InputRules.metadata(registration.metadata());
		Handle handle = new Handle(registration);
		if (registration.ephemeral()) {
			// remembered before the command leaves, so that a session replaced meanwhile registers it again
			this.ephemeral.add(handle);
		}
		try {
			Result result = this.client.execute(new Command.ServiceRegister(registration),
					"register instance '" + registration.instanceId() + "' of '" + registration.service() + "'");
			DefaultConfigStore.failIfFailed(registration.service() + "/" + registration.instanceId(), result);
		}
		catch (RuntimeException ex) {
			this.ephemeral.remove(handle);
			throw ex;
		}
		return handle;
	}

	@Override
	public boolean heartbeat(String service, String instanceId) {
		check(service, instanceId);
		return changed(this.client.execute(new Command.ServiceHeartbeat(service, instanceId),
				"heartbeat instance '" + instanceId + "' of '" + service + "'"));
	}

	@Override
	public boolean reportHealth(String service, String instanceId, HealthStatus status, String output) {
		check(service, instanceId);
		Objects.requireNonNull(status, "status");
		return changed(this.client.execute(new Command.ServiceHealth(service, instanceId, status, output),
				"report the health of instance '" + instanceId + "' of '" + service + "'"));
	}

	@Override
	public boolean deregister(String service, String instanceId) {
		check(service, instanceId);
		this.ephemeral.removeIf((h) -> h.registration.service().equals(service)
				&& h.registration.instanceId().equals(instanceId));
		return changed(this.client.execute(new Command.ServiceDeregister(service, instanceId),
				"deregister instance '" + instanceId + "' of '" + service + "'"));
	}

	@Override
	@SuppressWarnings("unchecked")
	public List<ServiceInstance> instances(String service) {
		KeyRules.segment("service", service);
		return (List<ServiceInstance>) ((Listing) this.client.query(new Query.ServiceInstances(service),
				ReadConsistency.LINEARIZABLE, "list instances of '" + service + "'")).items();
	}

	@Override
	public List<ServiceInstance> healthyInstances(String service) {
		return instances(service).stream().filter((i) -> i.status() == HealthStatus.PASSING).toList();
	}

	@Override
	@SuppressWarnings("unchecked")
	public List<String> services() {
		return (List<String>) ((Listing) this.client.query(new Query.ServiceNames(), ReadConsistency.LINEARIZABLE,
				"list services")).items();
	}

	@Override
	public AutoCloseable watch(String service, ServiceListener listener) {
		Objects.requireNonNull(listener, "listener");
		String prefix = (service != null) ? StoredRecords.servicePrefix(service) : StoredRecords.SERVICES;
		KeyList current = (KeyList) this.client.query(new Query.KvRange(prefix, null, true, Integer.MAX_VALUE),
				ReadConsistency.LINEARIZABLE, "list instances under '" + prefix + "'");
		Map<String, Map<String, ServiceInstance>> byService = new TreeMap<>();
		for (KeyValue entry : current.entries()) {
			ServiceInstance instance = StoredRecords.instance(entry);
			byService.computeIfAbsent(instance.service(), (s) -> new TreeMap<>()).put(instance.instanceId(), instance);
		}
		byService.forEach((name, instances) -> {
			List<ServiceInstance> snapshot = List.copyOf(instances.values());
			this.client.notify(() -> listener.instancesChanged(name, snapshot));
		});
		KeyValueWatch watch = this.kv.watch(prefix, true, current.revision() + 1, (events) -> {
			Set<String> touched = new java.util.TreeSet<>();
			synchronized (byService) {
				for (KeyValueEvent event : events) {
					String rest = event.key().substring(StoredRecords.SERVICES.length());
					String name = rest.substring(0, rest.indexOf('/'));
					String id = rest.substring(rest.indexOf('/') + 1);
					Map<String, ServiceInstance> instances = byService.computeIfAbsent(name, (s) -> new TreeMap<>());
					if (event.type() == KeyValueEvent.Type.DELETE) {
						instances.remove(id);
					}
					else {
						instances.put(id, StoredRecords.instance(event.entry()));
					}
					touched.add(name);
				}
				for (String name : touched) {
					listener.instancesChanged(name, List.copyOf(byService.get(name).values()));
				}
			}
		});
		return watch;
	}

	/**
	 * A new session is open: ephemeral instances of the previous one are registered again.
	 */
	void sessionOpened() {
		for (Handle handle : this.ephemeral) {
			this.client.executeAsync(new Command.ServiceRegister(handle.registration)).whenComplete((executed, error) -> {
				if (error != null || executed.result() instanceof Result.Failed) {
					logger.warn("Could not register instance '{}' of '{}' again: {}", handle.registration.instanceId(),
							handle.registration.service(), (error != null) ? error.toString() : executed.result());
				}
			});
		}
	}

	private static boolean changed(Result result) {
		return result instanceof Result.Done done && done.changed();
	}

	private static void check(String service, String instanceId) {
		KeyRules.segment("service", service);
		KeyRules.segment("instance id", instanceId);
	}

	private final class Handle implements RegisteredInstance {

		private final ServiceRegistration registration;

		private Handle(ServiceRegistration registration) {
			this.registration = registration;
		}

		@Override
		public ServiceRegistration registration() {
			return this.registration;
		}

		@Override
		public void heartbeat() {
			DefaultServiceRegistry.this.heartbeat(this.registration.service(), this.registration.instanceId());
		}

		@Override
		public void reportHealth(HealthStatus status, String output) {
			DefaultServiceRegistry.this.reportHealth(this.registration.service(), this.registration.instanceId(), status,
					output);
		}

		@Override
		public void close() {
			DefaultServiceRegistry.this.ephemeral.remove(this);
			deregister(this.registration.service(), this.registration.instanceId());
		}

	}


}
