package io.coordination.core.internal.atomix;

import io.atomix.primitive.PrimitiveBuilder;
import io.atomix.primitive.PrimitiveManagementService;
import io.atomix.primitive.PrimitiveType;
import io.atomix.primitive.SyncPrimitive;
import io.atomix.primitive.config.PrimitiveConfig;
import io.atomix.primitive.event.EventType;
import io.atomix.primitive.operation.OperationId;
import io.atomix.primitive.service.PrimitiveService;
import io.atomix.primitive.service.ServiceConfig;

/**
 * Registers our state machine with Atomix as a primitive type, so that Raft servers can create its service. Found by
 * Atomix's classpath-scanning registry (our package is whitelisted), hence public with a no-argument constructor.
 * Clients do not go through Atomix's primitive builders: they open a session on the partition directly and exchange
 * bytes we encode ourselves.
 */
@SuppressWarnings("rawtypes")
public final class CoordinationPrimitiveType implements PrimitiveType<PrimitiveBuilder, CoordinationPrimitiveType.Config, SyncPrimitive> {

	/** Name of the primitive type on every member. */
	public static final String NAME = "io.coordination";

	/** Name of the one primitive instance that holds all coordination state of a partition. */
	public static final String PRIMITIVE_NAME = "coordination";

	/** The command carrying a batch of our commands. */
	public static final OperationId EXECUTE = OperationId.command("execute");

	/** The query carrying one of our queries. */
	public static final OperationId QUERY = OperationId.query("query");

	/** The event type carrying our events to a session. */
	public static final EventType EVENTS = EventType.from("events");

	private static final CoordinationPrimitiveType INSTANCE = new CoordinationPrimitiveType();

	/**
	 * The shared instance.
	 * @return the type
	 */
	public static CoordinationPrimitiveType instance() {
		return INSTANCE;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Config newConfig() {
		return new Config();
	}

	@Override
	public PrimitiveBuilder newBuilder(String primitiveName, Config config,
			PrimitiveManagementService managementService) {
		throw new UnsupportedOperationException(
				"The coordination primitive is opened by CoordinationNode, not through Atomix's primitive builders");
	}

	@Override
	public PrimitiveService newService(ServiceConfig config) {
		return new CoordinationService();
	}

	@Override
	public String toString() {
		return NAME;
	}

	/**
	 * Configuration of the primitive; it has none of its own.
	 */
	public static final class Config extends PrimitiveConfig<Config> {

		@Override
		public PrimitiveType getType() {
			return INSTANCE;
		}

	}

}
