package io.coordination.core.internal.protocol;

import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.smile.SmileMapper;

import io.coordination.barrier.BarrierInfo;
import io.coordination.config.ConfigDocument;
import io.coordination.config.EffectiveConfig;
import io.coordination.election.ElectionInfo;
import io.coordination.kv.KeyValue;
import io.coordination.kv.Op;
import io.coordination.lock.LockInfo;
import io.coordination.semaphore.SemaphoreInfo;

/**
 * Encodes what crosses the Raft log and the client protocol: batches of commands, their results, events and queries.
 * Smile (binary JSON) through Jackson: compact, and no Kryo ever sees our types. Unknown properties are ignored so
 * that members of adjacent versions can read each other.
 */
public final class ProtocolCodec {

	private static final ObjectMapper MAPPER = SmileMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.addMixIn(Op.class, KvMixins.OpMixin.class)
		.build();

	private ProtocolCodec() {
	}

	/**
	 * Commands applied together at one Raft index.
	 *
	 * @param commands the commands, applied in order
	 * @param limits the submitter's budgets of stored data; {@code null} from older members
	 */
	public record Batch(List<Command> commands, StoreLimits limits) {
	}

	/**
	 * Results of a batch, in command order.
	 *
	 * @param results the results
	 */
	public record Results(List<Result> results) {
	}

	/**
	 * Events published to one session at one Raft index.
	 *
	 * @param events the events, in order
	 */
	public record Events(List<Event> events) {
	}

	/**
	 * Encodes a batch of commands.
	 * @param commands the commands
	 * @param limits the submitter's budgets of stored data
	 * @return the bytes
	 */
	public static byte[] encodeBatch(List<Command> commands, StoreLimits limits) {
		return write(new Batch(commands, limits));
	}

	/**
	 * Decodes a batch of commands.
	 * @param bytes the bytes
	 * @return the batch
	 */
	public static Batch decodeBatch(byte[] bytes) {
		return read(bytes, Batch.class);
	}

	/**
	 * Encodes results.
	 * @param results the results
	 * @return the bytes
	 */
	public static byte[] encodeResults(List<Result> results) {
		return write(new Results(results));
	}

	/**
	 * Decodes results.
	 * @param bytes the bytes
	 * @return the results
	 */
	public static List<Result> decodeResults(byte[] bytes) {
		return read(bytes, Results.class).results();
	}

	/**
	 * Encodes events.
	 * @param events the events
	 * @return the bytes
	 */
	public static byte[] encodeEvents(List<Event> events) {
		return write(new Events(events));
	}

	/**
	 * Decodes events.
	 * @param bytes the bytes
	 * @return the events
	 */
	public static List<Event> decodeEvents(byte[] bytes) {
		return read(bytes, Events.class).events();
	}

	/**
	 * Encodes a query.
	 * @param query the query
	 * @return the bytes
	 */
	public static byte[] encodeQuery(Query query) {
		return write(query);
	}

	/**
	 * Decodes a query.
	 * @param bytes the bytes
	 * @return the query
	 */
	public static Query decodeQuery(byte[] bytes) {
		return read(bytes, Query.class);
	}

	/**
	 * Encodes the answer to a query.
	 * @param answer the answer
	 * @return the bytes
	 */
	public static byte[] encodeAnswer(Object answer) {
		return write(answer);
	}

	/**
	 * Decodes the answer to a query.
	 * @param query the query that was asked
	 * @param bytes the bytes
	 * @return the answer, of the type the query documents
	 */
	public static Object decodeAnswer(Query query, byte[] bytes) {
		return read(bytes, answerType(query));
	}

	private static Class<?> answerType(Query query) {
		if (query instanceof Query.DescribeLock) {
			return LockInfo.class;
		}
		if (query instanceof Query.DescribeSemaphore) {
			return SemaphoreInfo.class;
		}
		if (query instanceof Query.DescribeElection) {
			return ElectionInfo.class;
		}
		if (query instanceof Query.DescribeBarrier) {
			return BarrierInfo.class;
		}
		if (query instanceof Query.IsHeld) {
			return Boolean.class;
		}
		if (query instanceof Query.KvGet) {
			return KeyValue.class;
		}
		if (query instanceof Query.KvRange) {
			return KeyList.class;
		}
		if (query instanceof Query.KvRevision) {
			return Long.class;
		}
		if (query instanceof Query.ConfigDocumentQuery) {
			return ConfigDocument.class;
		}
		if (query instanceof Query.ConfigEffective) {
			return EffectiveConfig.class;
		}
		if (query instanceof Query.ConfigHistory || query instanceof Query.ServiceInstances
				|| query instanceof Query.ServiceNames || query instanceof Query.GroupMembers) {
			return Listing.class;
		}
		return Inspection.class;
	}

	/**
	 * Encodes any value of the protocol (used for snapshots).
	 * @param value the value
	 * @return the bytes
	 */
	public static byte[] write(Object value) {
		try {
			return MAPPER.writeValueAsBytes(value);
		}
		catch (JacksonException ex) {
			throw new IllegalStateException("Cannot encode " + value.getClass().getSimpleName(), ex);
		}
	}

	/**
	 * Decodes any value of the protocol.
	 * @param <T> the type
	 * @param bytes the bytes
	 * @param type the type
	 * @return the value
	 * @throws ProtocolException if the bytes are not a valid encoding
	 */
	public static <T> T read(byte[] bytes, Class<T> type) {
		try {
			return MAPPER.readValue(bytes, type);
		}
		catch (JacksonException ex) {
			throw new ProtocolException("Malformed " + type.getSimpleName() + ": " + ex.getOriginalMessage(), ex);
		}
	}

}
