package io.coordination.core.internal.atomix;

import java.lang.reflect.Field;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

import io.atomix.cluster.AtomixCluster;
import io.atomix.cluster.messaging.ManagedUnicastService;
import io.atomix.cluster.messaging.UnicastService;
import io.atomix.cluster.messaging.impl.DefaultClusterCommunicationService;
import io.atomix.core.Atomix;
import io.atomix.utils.net.Address;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Atomix's UDP messaging, switched off. Atomix binds a UDP socket on the messaging port of every member and delivers
 * any datagram naming a subscribed subject (Raft session events among them) to the subscriber: unauthenticated even
 * when messaging runs over mutual TLS, so anyone who can send a datagram to the port could forge events. Nothing
 * here sends over UDP (every message goes over TCP, with TLS when configured), so this service binds nothing,
 * listens to nothing and drops what it is asked to send.
 */
final class NoUnicastService implements ManagedUnicastService {

	private static final Logger logger = LoggerFactory.getLogger(NoUnicastService.class);

	private NoUnicastService() {
	}

	/**
	 * Replaces the UDP messaging of a built, not yet started, member.
	 * @param atomix the member
	 * @throws IllegalStateException if Atomix's internals are not the ones this was written against
	 */
	static void install(Atomix atomix) {
		NoUnicastService off = new NoUnicastService();
		try {
			field(AtomixCluster.class, "unicastService").set(atomix, off);
			Object communication = atomix.getCommunicationService();
			if (!(communication instanceof DefaultClusterCommunicationService)) {
				throw new IllegalStateException("unexpected communication service " + communication.getClass().getName());
			}
			field(DefaultClusterCommunicationService.class, "unicastService").set(communication, off);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			throw new IllegalStateException(
					"Cannot switch off Atomix's unauthenticated UDP messaging (" + ex + "); refusing to start", ex);
		}
	}

	private static Field field(Class<?> type, String name) throws NoSuchFieldException {
		Field field = type.getDeclaredField(name);
		field.setAccessible(true);
		return field;
	}

	@Override
	public void unicast(Address address, String subject, byte[] message) {
		logger.warn("Dropped an unreliable (UDP) message '{}' to {}: UDP messaging is off", subject, address);
	}

	@Override
	public void addListener(String subject, BiConsumer<Address, byte[]> listener, Executor executor) {
		// nothing arrives over UDP
	}

	@Override
	public void removeListener(String subject, BiConsumer<Address, byte[]> listener) {
		// nothing to remove
	}

	@Override
	public CompletableFuture<UnicastService> start() {
		return CompletableFuture.completedFuture(this);
	}

	@Override
	public boolean isRunning() {
		return true;
	}

	@Override
	public CompletableFuture<Void> stop() {
		return CompletableFuture.completedFuture(null);
	}

}
