package io.coordination.sidecar.kv;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import io.coordination.kv.KeyValue;

/**
 * A key as JSON: its value as text when it is valid UTF-8, always as Base64, its revisions, and its TTL expiry or
 * owning session.
 *
 * @param key the key
 * @param value the value as UTF-8 text, or {@code null} if it is not valid UTF-8
 * @param valueBase64 the value bytes, Base64-encoded
 * @param createRevision revision of the write that created the key
 * @param modRevision revision of the last write of the key
 * @param version writes since creation (1 after creation)
 * @param expiresAt when a TTL key expires (cluster log time), or {@code null}
 * @param ownerSession cluster session the key is bound to, or 0
 */
public record EntryView(String key, String value, String valueBase64, long createRevision, long modRevision,
		long version, Instant expiresAt, long ownerSession) {

	/**
	 * The view of an entry.
	 * @param entry the entry
	 * @return the view, or {@code null} for none
	 */
	static EntryView of(KeyValue entry) {
		if (entry == null) {
			return null;
		}
		return new EntryView(entry.key(), text(entry.value()), Base64.getEncoder().encodeToString(entry.value()),
				entry.createRevision(), entry.modRevision(), entry.version(), entry.expiresAt(), entry.ownerSession());
	}

	/**
	 * The views of entries.
	 * @param entries the entries
	 * @return the views
	 */
	static List<EntryView> of(List<KeyValue> entries) {
		return entries.stream().map(EntryView::of).toList();
	}

	private static String text(byte[] bytes) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

}
