package io.coordination.core.internal.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.coordination.InputRules;
import io.coordination.core.internal.protocol.Command;
import io.coordination.core.internal.protocol.ErrorCode;
import io.coordination.core.internal.protocol.Listing;
import io.coordination.core.internal.protocol.Result;
import io.coordination.group.GroupMember;
import io.coordination.kv.KeyRules;
import io.coordination.kv.KeyValue;

/**
 * Group membership, stored in the key-value store under {@code /_groups/<group>/<member>} as keys bound to the
 * joining session.
 */
final class GroupTable {

	static final String ROOT = "/_groups/";

	private final StateContext ctx;

	private final KvStore kv;

	GroupTable(StateContext ctx, KvStore kv) {
		this.ctx = ctx;
		this.kv = kv;
	}

	Result join(long session, Command.GroupJoin command) {
		String key = key(command.group(), command.memberId());
		InputRules.metadata(command.metadata());
		KeyValue existing = this.kv.get(key);
		if (existing != null && existing.ownerSession() != session) {
			return Result.Failed.of(ErrorCode.ALREADY_EXISTS,
					"Member '" + command.memberId() + "' already belongs to group '" + command.group() + "'");
		}
		Stored stored = new Stored();
		stored.metadata = Map.copyOf(command.metadata());
		stored.joinedAt = (existing != null) ? ConfigContent.fromJson(existing.value(), Stored.class).joinedAt
				: this.ctx.now;
		KvStore.Write write = this.kv.begin();
		write.put(key, ConfigContent.toJson(stored), 0, session);
		write.commit();
		return Result.DONE;
	}

	Result leave(long session, Command.GroupLeave command) {
		String key = key(command.group(), command.memberId());
		KeyValue existing = this.kv.get(key);
		if (existing == null || existing.ownerSession() != session) {
			return Result.UNCHANGED;
		}
		KvStore.Write write = this.kv.begin();
		write.delete(key);
		write.commit();
		return Result.DONE;
	}

	Listing.Members members(String group) {
		KeyRules.segment("group", group);
		List<GroupMember> members = new ArrayList<>();
		for (KeyValue entry : this.kv.list(ROOT + group + "/")) {
			members.add(member(group, entry));
		}
		return new Listing.Members(members);
	}

	/**
	 * A member as stored in a key.
	 * @param group the group
	 * @param entry the key
	 * @return the member
	 */
	static GroupMember member(String group, KeyValue entry) {
		Stored stored = ConfigContent.fromJson(entry.value(), Stored.class);
		String memberId = entry.key().substring(entry.key().lastIndexOf('/') + 1);
		return new GroupMember(group, memberId, stored.metadata, Instant.ofEpochMilli(stored.joinedAt));
	}

	static String key(String group, String memberId) {
		return ROOT + KeyRules.segment("group", group) + "/" + KeyRules.segment("member id", memberId);
	}

	/**
	 * A member as stored. Mutable, for Jackson.
	 */
	static final class Stored {

		public Map<String, String> metadata;

		public long joinedAt;

	}

}
