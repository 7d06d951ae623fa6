package io.coordination.sidecar.election;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.coordination.election.LeaderElection;
import io.coordination.election.Leadership;
import io.coordination.election.LeadershipListener;

/**
 * The open leadership watches of this sidecar: each is a listener of the sidecar's own client streamed to one HTTP
 * client, with a keep-alive comment every 15 seconds so that a client gone away is noticed and its listener removed.
 */
@Component
public class LeadershipWatches implements DisposableBean {

	private static final Log logger = LogFactory.getLog(LeadershipWatches.class);

	private static final long KEEP_ALIVE_SECONDS = 15;

	private final Set<Watch> open = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "coordination-sidecar-watches");
		thread.setDaemon(true);
		return thread;
	});

	LeadershipWatches() {
		this.keepAlive.scheduleWithFixedDelay(() -> this.open.forEach(Watch::keepAlive), KEEP_ALIVE_SECONDS,
				KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
	}

	/**
	 * Starts streaming the leadership changes of a group: a {@code watching} event with the current leader, then
	 * every {@code revoked} and {@code granted}.
	 * @param election the group
	 * @return the stream
	 */
	SseEmitter watch(LeaderElection election) {
		Watch watch = new Watch(election.group());
		watch.start(election);
		return watch.emitter;
	}

	@Override
	public void destroy() {
		this.keepAlive.shutdownNow();
		this.open.forEach(Watch::complete);
	}

	/**
	 * Id of an event about a leadership: grows with the term, a revocation after the grant of the same term.
	 */
	static long eventId(Leadership leadership, boolean revoked) {
		return 2 * leadership.term() + (revoked ? 1 : 0);
	}

	private final class Watch implements LeadershipListener {

		private final String group;

		private final SseEmitter emitter = new SseEmitter(0L);

		private AutoCloseable listening;

		private boolean closed;

		Watch(String group) {
			this.group = group;
		}

		synchronized void start(LeaderElection election) {
			// the listener's events wait for this lock: the current state goes first
			this.listening = election.addListener(this);
			LeadershipWatches.this.open.add(this);
			this.emitter.onCompletion(this::stop);
			this.emitter.onTimeout(this::stop);
			this.emitter.onError((error) -> stop());
			Optional<Leadership> leader;
			try {
				leader = election.leader();
			}
			catch (RuntimeException ex) {
				stop();
				throw ex;
			}
			Map<String, Object> current = new LinkedHashMap<>();
			current.put("group", this.group);
			current.put("leader", leader.orElse(null));
			send(leader.map((leadership) -> eventId(leadership, false)).orElse(1L), "watching", current);
		}

		@Override
		public void granted(Leadership leadership) {
			send(eventId(leadership, false), "granted", leadership);
		}

		@Override
		public void revoked(Leadership leadership) {
			send(eventId(leadership, true), "revoked", leadership);
		}

		private synchronized void send(long id, String type, Object data) {
			if (this.closed) {
				return;
			}
			try {
				this.emitter.send(SseEmitter.event()
					.id(Long.toString(id))
					.name(type)
					.data(data, MediaType.APPLICATION_JSON));
			}
			catch (IOException | IllegalStateException ex) {
				this.emitter.completeWithError(ex);
				stop();
			}
		}

		synchronized void keepAlive() {
			if (this.closed) {
				return;
			}
			try {
				this.emitter.send(SseEmitter.event().comment("keep-alive"));
			}
			catch (IOException | IllegalStateException ex) {
				this.emitter.completeWithError(ex);
				stop();
			}
		}

		void complete() {
			stop();
			this.emitter.complete();
		}

		private void stop() {
			AutoCloseable listener;
			synchronized (this) {
				if (this.closed) {
					return;
				}
				this.closed = true;
				listener = this.listening;
			}
			LeadershipWatches.this.open.remove(this);
			if (listener != null) {
				// not on the thread that delivers leadership changes, nor under this watch's lock
				try {
					LeadershipWatches.this.keepAlive.execute(() -> close(listener));
				}
				catch (RejectedExecutionException ex) {
					close(listener);
				}
			}
		}

		private void close(AutoCloseable listener) {
			try {
				listener.close();
			}
			catch (Exception ex) {
				logger.debug("Stopping a watch of election group '" + this.group + "': " + ex);
			}
		}

	}

}
