package io.coordination.sidecar.kv;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.coordination.kv.CompactedRevisionException;
import io.coordination.kv.KeyValueEvent;
import io.coordination.kv.KeyValueListener;
import io.coordination.kv.KeyValueStore;
import io.coordination.kv.KeyValueWatch;
import io.coordination.sidecar.web.SseStreams;

/**
 * The open key-value watches of this sidecar, each a watch of the sidecar's own client streamed to one HTTP client
 * as Server-Sent Events: first a {@code watching} event whose id is the revision the stream starts after, then one
 * {@code changes} event per revision, its id the revision, so that a client resumes with {@code Last-Event-ID}.
 * Events are sent off the notification thread by {@link SseStreams}, so a slow client delays no one else; one that
 * falls too far behind is disconnected (it resumes where it was). The watch ends with the stream.
 */
@Component
public class KvWatchStreams {

	private static final Log logger = LogFactory.getLog(KvWatchStreams.class);

	private final SseStreams streams;

	KvWatchStreams(SseStreams streams) {
		this.streams = streams;
	}

	/**
	 * Starts streaming the changes of a key or prefix.
	 * @param store the store watched
	 * @param key the key or prefix
	 * @param prefix whether it is a prefix
	 * @param fromRevision the first revision to send; 0 for the changes after now
	 * @param readable which keys the caller may see (others are left out of the events)
	 * @return the stream
	 * @throws CompactedRevisionException if {@code fromRevision} is no longer kept (before anything is sent)
	 */
	SseEmitter open(KeyValueStore store, String key, boolean prefix, long fromRevision,
			Predicate<String> readable) {
		long from = (fromRevision > 0) ? fromRevision : store.revision() + 1;
		long after = from - 1;
		// what the watch reports while it starts waits for the 'watching' event
		SseStreams.Channel channel = this.streams.openHeld("A key-value watch stream");
		KeyValueWatch watch;
		try {
			watch = store.watch(key, prefix, from, new Listener(channel, readable));
		}
		catch (RuntimeException ex) {
			channel.close();
			throw ex;
		}
		channel.onClosed(() -> watch.close());
		channel.start(Long.toString(after), "watching",
				Map.of("revision", Math.max(after, watch.lastRevision()), "after", after));
		return channel.emitter();
	}

	/**
	 * Streams the changes a watch reports.
	 */
	private static final class Listener implements KeyValueListener {

		private final SseStreams.Channel channel;

		private final Predicate<String> readable;

		Listener(SseStreams.Channel channel, Predicate<String> readable) {
			this.channel = channel;
			this.readable = readable;
		}

		@Override
		public void changed(List<KeyValueEvent> events) {
			List<KeyValueEvent> visible = events.stream().filter((event) -> this.readable.test(event.key())).toList();
			if (visible.isEmpty()) {
				return;
			}
			this.channel.send(visible.get(0).revision(), "changes", EventView.of(visible));
		}

		@Override
		public void failed(CompactedRevisionException exception) {
			// the client reconnects from its last revision and is told the history is gone
			logger.debug("Watch stream ends: " + exception.getMessage());
			this.channel.close();
		}

	}

}
