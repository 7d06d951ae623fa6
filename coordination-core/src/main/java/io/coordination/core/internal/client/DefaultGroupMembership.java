package io.coordination.core.internal.client;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.coordination.InputRules;
import io.coordination.core.internal.protocol.Command;
import io.coordination.core.internal.protocol.KeyList;
import io.coordination.core.internal.protocol.Listing;
import io.coordination.core.internal.protocol.Query;
import io.coordination.core.internal.protocol.Result;
import io.coordination.core.internal.state.StoredRecords;
import io.coordination.group.GroupListener;
import io.coordination.group.GroupMember;
import io.coordination.group.GroupMembership;
import io.coordination.group.Membership;
import io.coordination.kv.KeyRules;
import io.coordination.kv.KeyValue;
import io.coordination.kv.KeyValueEvent;
import io.coordination.kv.KeyValueStore;
import io.coordination.kv.ReadConsistency;

/**
 * A group of an embedded client. Memberships are joined again in the next session when a session expires.
 */
final class DefaultGroupMembership implements GroupMembership {

	private static final Logger logger = LoggerFactory.getLogger(DefaultGroupMembership.class);

	private final EmbeddedCoordination client;

	private final KeyValueStore kv;

	private final String name;

	private final Set<Command.GroupJoin> joined;

	DefaultGroupMembership(EmbeddedCoordination client, KeyValueStore kv, String name, Set<Command.GroupJoin> joined) {
		this.client = client;
		this.kv = kv;
		this.name = KeyRules.segment("group", name);
		this.joined = joined;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public Membership join(String memberId, Map<String, String> metadata) {
		KeyRules.segment("member id", memberId);
		InputRules.metadata(Objects.requireNonNull(metadata, "metadata"));
		Command.GroupJoin join = new Command.GroupJoin(this.name, memberId, Map.copyOf(metadata));
		// remembered before the command leaves, so that a session replaced meanwhile joins again
		this.joined.add(join);
		GroupMember member;
		try {
			Result result = this.client.execute(join, "join group '" + this.name + "' as '" + memberId + "'");
			DefaultConfigStore.failIfFailed(this.name + "/" + memberId, result);
			member = members().stream()
				.filter((m) -> m.memberId().equals(memberId))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("Member '" + memberId + "' left group '" + this.name
						+ "' as soon as it joined"));
		}
		catch (RuntimeException ex) {
			this.joined.remove(join);
			throw ex;
		}
		return new Membership() {

			@Override
			public GroupMember member() {
				return member;
			}

			@Override
			public void close() {
				if (DefaultGroupMembership.this.joined.remove(join)) {
					DefaultGroupMembership.this.client.execute(new Command.GroupLeave(join.group(), join.memberId()),
							"leave group '" + join.group() + "'");
				}
			}

		};
	}

	@Override
	@SuppressWarnings("unchecked")
	public List<GroupMember> members() {
		return (List<GroupMember>) ((Listing) this.client.query(new Query.GroupMembers(this.name),
				ReadConsistency.LINEARIZABLE, "list members of group '" + this.name + "'")).items();
	}

	@Override
	public AutoCloseable addListener(GroupListener listener) {
		Objects.requireNonNull(listener, "listener");
		String prefix = StoredRecords.groupPrefix(this.name);
		KeyList current = (KeyList) this.client.query(new Query.KvRange(prefix, null, true, Integer.MAX_VALUE),
				ReadConsistency.LINEARIZABLE, "list members of group '" + this.name + "'");
		for (KeyValue entry : current.entries()) {
			GroupMember member = StoredRecords.member(this.name, entry);
			this.client.notify(() -> listener.joined(member));
		}
		return this.kv.watch(prefix, true, current.revision() + 1, (events) -> {
			for (KeyValueEvent event : events) {
				GroupMember member = StoredRecords.member(this.name, event.entry());
				if (event.type() == KeyValueEvent.Type.DELETE) {
					listener.left(member);
				}
				else if (event.entry().version() == 1) {
					listener.joined(member);
				}
			}
		});
	}

	/**
	 * Joins again, in a new session, the memberships of the previous one.
	 * @param client the client
	 * @param joined the memberships
	 */
	static void rejoin(EmbeddedCoordination client, Set<Command.GroupJoin> joined) {
		for (Command.GroupJoin join : joined) {
			client.executeAsync(join).whenComplete((executed, error) -> {
				if (error != null || executed.result() instanceof Result.Failed) {
					logger.warn("Could not join group '{}' again as '{}': {}", join.group(), join.memberId(),
							(error != null) ? error.toString() : executed.result());
				}
			});
		}
	}

	static Set<Command.GroupJoin> newRegistry() {
		return ConcurrentHashMap.newKeySet();
	}

}
