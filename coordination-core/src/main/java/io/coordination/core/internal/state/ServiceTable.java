package io.coordination.core.internal.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.coordination.InputRules;
import io.coordination.core.internal.protocol.Command;
import io.coordination.core.internal.protocol.ErrorCode;
import io.coordination.core.internal.protocol.Listing;
import io.coordination.core.internal.protocol.Result;
import io.coordination.discovery.HealthStatus;
import io.coordination.discovery.ServiceInstance;
import io.coordination.discovery.ServiceRegistration;
import io.coordination.kv.KeyRules;
import io.coordination.kv.KeyValue;
import io.coordination.kv.KeyValueEvent;

/**
 * The service registry, stored in the key-value store under {@code /_services/<service>/<instance>}: every change
 * of an instance (registration, health, removal) is a revision watchers see. The time of the last heartbeat of a TTL
 * check is state of its own (a heartbeat that changes nothing visible writes no revision); the timers of TTL checks
 * and of deregistration are derived from the two.
 */
final class ServiceTable {

	static final String ROOT = "/_services/";


	private static final int MAX_OUTPUT = 4096;

	private final StateContext ctx;

	private final KvStore kv;

	/** Log time of the last heartbeat, by instance key. */
	private final TreeMap<String, Long> heartbeats = new TreeMap<>();

	private final Map<String, Timers.Deadline> ttlTimers = new HashMap<>();

	private final Map<String, Timers.Deadline> deregisterTimers = new HashMap<>();

	ServiceTable(StateContext ctx, KvStore kv) {
		this.ctx = ctx;
		this.kv = kv;
		kv.observe(this::changed);
	}

	// ---- commands

	Result register(long session, Command.ServiceRegister command) {
		ServiceRegistration registration = command.registration();
		if (registration == null) {
			throw new IllegalArgumentException("registration must not be null");
		}
		String key = key(registration.service(), registration.instanceId());
		InputRules.name("host", registration.host());
		InputRules.metadata(registration.metadata());
		InputRules.tags(registration.tags());
		if (registration.zone() != null) {
			InputRules.name("zone", registration.zone());
		}
		InputRules.millis("ttl", registration.ttl());
		InputRules.millis("deregisterCriticalAfter", registration.deregisterCriticalAfter());
		Stored previous = stored(key);
		if (previous != null && previous.ephemeralSession != 0 && previous.ephemeralSession != session
				&& this.ctx.sessions.containsKey(previous.ephemeralSession)) {
			return Result.Failed.of(ErrorCode.ALREADY_EXISTS, "Instance '" + registration.instanceId() + "' of service '"
					+ registration.service() + "' is registered by another live session");
		}
		Stored stored = new Stored();
		stored.registration = registration;
		stored.status = HealthStatus.PASSING;
		stored.output = "registered";
		stored.statusSince = this.ctx.now;
		stored.registeredAt = this.ctx.now;
		stored.ephemeralSession = registration.ephemeral() ? session : 0;
		this.heartbeats.put(key, this.ctx.now);
		KvStore.Write write = this.kv.begin();
		write.put(key, ConfigContent.toJson(stored), 0, stored.ephemeralSession);
		write.commit();
		return Result.DONE;
	}

	Result heartbeat(Command.ServiceHeartbeat command) {
		String key = key(command.service(), command.instanceId());
		Stored stored = stored(key);
		if (stored == null) {
			return Result.UNCHANGED;
		}
		this.heartbeats.put(key, this.ctx.now);
		if (stored.status != HealthStatus.PASSING) {
			update(key, stored, HealthStatus.PASSING, "heartbeat", true);
		}
		else {
			scheduleTtl(key, stored);
		}
		return Result.DONE;
	}

	Result health(Command.ServiceHealth command) {
		String key = key(command.service(), command.instanceId());
		if (command.status() == null) {
			throw new IllegalArgumentException("status must be PASSING, WARNING or CRITICAL");
		}
		String output = (command.output() != null) ? command.output() : "";
		if (output.length() > MAX_OUTPUT) {
			output = output.substring(0, MAX_OUTPUT);
		}
		Stored stored = stored(key);
		if (stored == null) {
			return Result.UNCHANGED;
		}
		if (stored.status != command.status() || !stored.output.equals(output)) {
			update(key, stored, command.status(), output, true);
		}
		return Result.DONE;
	}

	Result deregister(Command.ServiceDeregister command) {
		String key = key(command.service(), command.instanceId());
		KvStore.Write write = this.kv.begin();
		boolean removed = write.delete(key) != null;
		write.commit();
		return removed ? Result.DONE : Result.UNCHANGED;
	}

	private void update(String key, Stored stored, HealthStatus status, String output, boolean command) {
		if (stored.status != status) {
			stored.statusSince = this.ctx.now;
		}
		stored.status = status;
		stored.output = output;
		KvStore.Write write = command ? this.kv.begin() : this.kv.beginSystem();
		write.put(key, ConfigContent.toJson(stored), 0, stored.ephemeralSession);
		write.commit();
	}

	// ---- timers, derived from the stored instances

	private void changed(List<KeyValueEvent> events) {
		for (KeyValueEvent event : events) {
			if (!event.key().startsWith(ROOT)) {
				continue;
			}
			cancelTimers(event.key());
			if (event.type() == KeyValueEvent.Type.DELETE) {
				this.heartbeats.remove(event.key());
			}
			else {
				schedule(event.key(), ConfigContent.fromJson(event.entry().value(), Stored.class));
			}
		}
	}

	private void schedule(String key, Stored stored) {
		scheduleTtl(key, stored);
		if (stored.status == HealthStatus.CRITICAL && stored.registration.deregisterCriticalAfter() != null) {
			long at = stored.statusSince + stored.registration.deregisterCriticalAfter().toMillis();
			this.deregisterTimers.put(key, this.ctx.timers.schedule(at, new Ref(Ref.Kind.KEY, key), 3, 0, "", () -> {
				this.deregisterTimers.remove(key);
				KvStore.Write write = this.kv.beginSystem();
				write.delete(key);
				write.commit();
			}));
		}
	}

	private void scheduleTtl(String key, Stored stored) {
		this.ctx.timers.cancel(this.ttlTimers.remove(key));
		if (stored.registration.ttl() == null || stored.status == HealthStatus.CRITICAL) {
			return;
		}
		long at = this.heartbeats.getOrDefault(key, stored.statusSince) + stored.registration.ttl().toMillis();
		this.ttlTimers.put(key, this.ctx.timers.schedule(at, new Ref(Ref.Kind.KEY, key), 2, 0, "", () -> {
			this.ttlTimers.remove(key);
			Stored current = stored(key);
			if (current != null && current.status != HealthStatus.CRITICAL) {
				update(key, current, HealthStatus.CRITICAL,
						"TTL check: no heartbeat within " + current.registration.ttl().toMillis() + " ms", false);
			}
		}));
	}

	private void cancelTimers(String key) {
		this.ctx.timers.cancel(this.ttlTimers.remove(key));
		this.ctx.timers.cancel(this.deregisterTimers.remove(key));
	}

	// ---- queries

	Listing.Instances instances(String service) {
		KeyRules.segment("service", service);
		List<ServiceInstance> instances = new ArrayList<>();
		for (KeyValue entry : this.kv.list(ROOT + service + "/")) {
			instances.add(ConfigContent.fromJson(entry.value(), Stored.class).toInstance());
		}
		return new Listing.Instances(instances);
	}

	Listing.Names services() {
		TreeSet<String> names = new TreeSet<>();
		for (KeyValue entry : this.kv.list(ROOT)) {
			String rest = entry.key().substring(ROOT.length());
			names.add(rest.substring(0, rest.indexOf('/')));
		}
		return new Listing.Names(new ArrayList<>(names));
	}

	// ---- snapshot

	Map<String, Long> heartbeats() {
		return new TreeMap<>(this.heartbeats);
	}

	/**
	 * Rebuilds heartbeats and timers after the key-value store was restored.
	 * @param heartbeats the stored heartbeats
	 */
	void restore(Map<String, Long> heartbeats) {
		this.ttlTimers.clear();
		this.deregisterTimers.clear();
		this.heartbeats.clear();
		if (heartbeats != null) {
			this.heartbeats.putAll(heartbeats);
		}
		for (KeyValue entry : this.kv.list(ROOT)) {
			schedule(entry.key(), ConfigContent.fromJson(entry.value(), Stored.class));
		}
	}

	private Stored stored(String key) {
		KeyValue entry = this.kv.get(key);
		return (entry != null) ? ConfigContent.fromJson(entry.value(), Stored.class) : null;
	}

	static String key(String service, String instanceId) {
		return ROOT + KeyRules.segment("service", service) + "/" + KeyRules.segment("instance id", instanceId);
	}

	/**
	 * An instance as stored. Mutable, for Jackson.
	 */
	static final class Stored {

		public ServiceRegistration registration;

		public HealthStatus status;

		public String output;

		public long statusSince;

		public long registeredAt;

		public long ephemeralSession;

		ServiceInstance toInstance() {
			ServiceRegistration r = this.registration;
			return new ServiceInstance(r.service(), r.instanceId(), r.host(), r.port(), r.metadata(), r.tags(), r.zone(),
					this.status, this.output, Instant.ofEpochMilli(this.statusSince), Instant.ofEpochMilli(this.registeredAt));
		}

	}

}
