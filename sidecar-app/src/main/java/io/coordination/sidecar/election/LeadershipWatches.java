package io.coordination.sidecar.election;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.coordination.election.LeaderElection;
import io.coordination.election.Leadership;
import io.coordination.election.LeadershipListener;
import io.coordination.sidecar.web.SseStreams;

/**
 * The open leadership watches of this sidecar: each is a listener of the sidecar's own client streamed to one HTTP
 * client by {@link SseStreams} (never on the thread that delivers leadership changes, with keep-alive comments so that
 * a client gone away is noticed); the listener is removed when the stream ends.
 */
@Component
public class LeadershipWatches {

	private static final Log logger = LogFactory.getLog(LeadershipWatches.class);

	private final SseStreams streams;

	LeadershipWatches(SseStreams streams) {
		this.streams = streams;
	}

	/**
	 * Starts streaming the leadership changes of a group: a {@code watching} event with the current leader, then
	 * every {@code revoked} and {@code granted}.
	 * @param election the group
	 * @return the stream
	 */
	SseEmitter watch(LeaderElection election) {
		String group = election.group();
		// the listener's events wait for the 'watching' event: the current state goes first
		SseStreams.Channel channel = this.streams.openHeld("A watch of election group '" + group + "'");
		Optional<Leadership> leader;
		try {
			AutoCloseable listening = election.addListener(new Listener(channel));
			// on a sender thread: not on the thread that delivers leadership changes
			channel.onClosed(() -> close(listening, group));
			leader = election.leader();
		}
		catch (RuntimeException ex) {
			channel.close();
			throw ex;
		}
		Map<String, Object> current = new LinkedHashMap<>();
		current.put("group", group);
		current.put("leader", leader.orElse(null));
		channel.start(Long.toString(leader.map((leadership) -> eventId(leadership, false)).orElse(1L)), "watching",
				current);
		return channel.emitter();
	}

	/**
	 * Id of an event about a leadership: grows with the term, a revocation after the grant of the same term.
	 */
	static long eventId(Leadership leadership, boolean revoked) {
		return 2 * leadership.term() + (revoked ? 1 : 0);
	}

	private static void close(AutoCloseable listener, String group) {
		try {
			listener.close();
		}
		catch (Exception ex) {
			logger.debug("Stopping a watch of election group '" + group + "': " + ex);
		}
	}

	/**
	 * Streams the changes the listener hears.
	 */
	private static final class Listener implements LeadershipListener {

		private final SseStreams.Channel channel;

		Listener(SseStreams.Channel channel) {
			this.channel = channel;
		}

		@Override
		public void granted(Leadership leadership) {
			this.channel.send(eventId(leadership, false), "granted", leadership);
		}

		@Override
		public void revoked(Leadership leadership) {
			this.channel.send(eventId(leadership, true), "revoked", leadership);
		}

	}

}
