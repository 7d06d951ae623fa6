package io.coordination.sidecar.kv;

import java.util.List;

import io.coordination.kv.KeyValueEvent;

/**
 * A change of a key as JSON.
 *
 * @param type {@code PUT} or {@code DELETE}
 * @param key the key
 * @param entry the key after a put; as it was before a delete
 * @param revision the revision of the change
 */
public record EventView(KeyValueEvent.Type type, String key, EntryView entry, long revision) {

	/**
	 * The views of changes.
	 * @param events the changes
	 * @return the views
	 */
	static List<EventView> of(List<KeyValueEvent> events) {
		return events.stream()
			.map((event) -> new EventView(event.type(), event.key(), EntryView.of(event.entry()), event.revision()))
			.toList();
	}

}
