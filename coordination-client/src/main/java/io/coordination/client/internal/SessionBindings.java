package io.coordination.client.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;


import io.coordination.CoordinationInterruptedException;
import io.coordination.CoordinationUnavailableException;
import io.coordination.session.SessionState;

/**
 * What a client binds to its application session (ephemeral service instances, group memberships) and what it
 * follows (service watches, group listeners), for the client's whole life: the bindings are made again in each new
 * session that replaces an ended one, as an embedded client does when its session expires, and the watches stop when
 * the client closes.
 */
final class SessionBindings {

	private static final Map<ClientSession, SessionBindings> all = new ConcurrentHashMap<>();

	private final ClientSession session;

	private final Set<Binding> bound = ConcurrentHashMap.newKeySet();

	private final Set<AutoCloseable> watches = ConcurrentHashMap.newKeySet();

	/**
	 * Something bound to the session, made again in a new one.
	 */
	interface Binding {

		/**
		 * Binds it to the current session again (a new session replaced the one it was bound to).
		 */
		void bindAgain();

	}

	private SessionBindings(ClientSession session) {
		this.session = session;
		session.onNewSession(this::sessionReplaced);
		session.addListener((clusterSession, state) -> {
			if (state == SessionState.CLOSED) {
				closeAll();
			}
		});
	}

	/**
	 * The bindings of a client.
	 * @param session the client's session
	 * @return its bindings
	 */
	static SessionBindings of(ClientSession session) {
		return all.computeIfAbsent(session, SessionBindings::new);
	}

	/**
	 * Remembers a binding, before it is made: a session replaced meanwhile makes it again.
	 * @param binding the binding
	 */
	void bind(Binding binding) {
		this.bound.add(binding);
	}

	/**
	 * Forgets a binding: it is no longer made again.
	 * @param binding the binding
	 * @return whether it was bound
	 */
	boolean unbind(Binding binding) {
		return this.bound.remove(binding);
	}

	/**
	 * Forgets every binding that matches.
	 * @param matching which
	 */
	void unbindIf(Predicate<Binding> matching) {
		this.bound.removeIf(matching);
	}

	/**
	 * Remembers a watch, closed when the client closes.
	 * @param watch the watch
	 */
	void watching(AutoCloseable watch) {
		this.watches.add(watch);
	}

	/**
	 * Forgets a watch closed by its user.
	 * @param watch the watch
	 */
	void stopped(AutoCloseable watch) {
		this.watches.remove(watch);
	}

	/**
	 * Waits for a new session to replace one that ended (the client opens it on its own).
	 * @param ended the ended session's id
	 * @param timeout longest wait
	 * @throws CoordinationUnavailableException if no new session opens in time
	 */
	void awaitNewSession(String ended, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (ended.equals(this.session.appSessionId())) {
			if (System.nanoTime() - deadline > 0) {
				throw new CoordinationUnavailableException(
						"Session " + ended + " ended and no new session opened within " + timeout);
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new CoordinationInterruptedException("Interrupted while waiting for a new session", ex);
			}
		}
	}

	private void sessionReplaced() {
		for (Binding binding : List.copyOf(this.bound)) {
			this.session.repair("bind " + binding + " to the new session", () -> this.bound.contains(binding),
					binding::bindAgain);
		}
	}

	private void closeAll() {
		all.remove(this.session, this);
		this.bound.clear();
		for (AutoCloseable watch : List.copyOf(this.watches)) {
			try {
				watch.close();
			}
			catch (Exception ex) {
				// closing anyway
			}
		}
		this.watches.clear();
	}

}
