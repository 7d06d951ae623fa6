package io.coordination.core.internal.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.coordination.kv.Op;

/**
 * Type information for API types that cross the wire but must not carry Jackson annotations themselves.
 */
final class KvMixins {

	private KvMixins() {
	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@o")
	@JsonSubTypes({ @JsonSubTypes.Type(value = Op.Put.class, name = "put"),
			@JsonSubTypes.Type(value = Op.Delete.class, name = "delete"),
			@JsonSubTypes.Type(value = Op.Get.class, name = "get") })
	interface OpMixin {

	}

}
