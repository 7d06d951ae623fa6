package io.coordination.core.internal.protocol;

import java.util.List;

import io.coordination.kv.KeyValue;

/**
 * Entries read by a range query, with the revision they were read at.
 *
 * @param entries the entries, in key order
 * @param revision the store's revision
 */
public record KeyList(List<KeyValue> entries, long revision) {
}
