package io.coordination.client.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import io.coordination.InputRules;
import io.coordination.group.GroupListener;
import io.coordination.group.GroupMember;
import io.coordination.group.GroupMembership;
import io.coordination.group.Membership;
import io.coordination.kv.KeyRules;

/**
 * A group through the sidecar. Memberships are joined under the client's application session, so that they end with
 * it; like an embedded client, the client joins them again in the next session that replaces an ended one. Listeners
 * follow the sidecar's group stream and resume after a reconnect.
 */
public final class HttpGroupMembership implements GroupMembership {

	private static final Logger logger = LoggerFactory.getLogger(HttpGroupMembership.class);

	private static final String ALREADY_MEMBER = "ALREADY_MEMBER";

	private final ClientSession session;

	private final Api api;

	private final String name;

	private final SessionBindings bindings;

	/**
	 * Creates a handle to a group.
	 * @param session the client's session
	 * @param api the API
	 * @param name the group
	 */
	public HttpGroupMembership(ClientSession session, Api api, String name) {
		this.session = session;
		this.api = api;
		this.name = KeyRules.segment("group", name);
		this.bindings = SessionBindings.of(session);
	}

	private String base() {
		return "/v1/groups/" + Api.segment(this.name);
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public Membership join(String memberId, Map<String, String> metadata) {
		KeyRules.segment("member id", memberId);
		InputRules.metadata(Objects.requireNonNull(metadata, "metadata"));
		Joined joined = new Joined(memberId, Map.copyOf(metadata));
		// remembered before the call, so that a session replaced meanwhile joins again
		this.bindings.bind(joined);
		try {
			joined.member = joinOnce(joined);
		}
		catch (RuntimeException ex) {
			this.bindings.unbind(joined);
			throw ex;
		}
		return joined;
	}

	/**
	 * Joins under the current session, or under the next one if it ends meanwhile.
	 * @throws IllegalStateException if another session holds the member id
	 */
	private GroupMember joinOnce(Joined joined) {
		while (true) {
			String current = this.session.appSessionId();
			try {
				return send(joined, current);
			}
			catch (ProblemException ex) {
				if (ALREADY_MEMBER.equals(ex.problem().code())) {
					throw new IllegalStateException(ex.problem().detail(), ex);
				}
				this.bindings.awaitNewSession(current, this.api.timeout());
			}
		}
	}

	/**
	 * Joins under a session.
	 * @throws ProblemException if another session holds the member id, or if the session has ended
	 */
	private GroupMember send(Joined joined, String appSession) {
		return this.api.call("PUT", base() + "/members/" + Api.segment(joined.memberId))
			.param("session", appSession)
			.json(Map.of("metadata", joined.metadata))
			.expect(ALREADY_MEMBER, "SESSION_ENDED", "SESSION_NOT_FOUND")
			.as(GroupMember.class);
	}

	@Override
	public List<GroupMember> members() {
		return this.api.list(this.api.call("GET", base()), GroupMember.class);
	}

	@Override
	public AutoCloseable addListener(GroupListener listener) {
		Objects.requireNonNull(listener, "listener");
		return new Listening(this.session, this.api, "group '" + this.name + "'", listener).start(base() + "/watch");
	}

	@Override
	public String toString() {
		return "group '" + this.name + "' via the sidecar";
	}

	/**
	 * A membership of this client.
	 */
	private final class Joined implements Membership, SessionBindings.Binding {

		private final String memberId;

		private final Map<String, String> metadata;

		private volatile GroupMember member;

		Joined(String memberId, Map<String, String> metadata) {
			this.memberId = memberId;
			this.metadata = metadata;
		}

		@Override
		public GroupMember member() {
			return this.member;
		}

		@Override
		public void bindAgain() {
			try {
				this.member = send(this, HttpGroupMembership.this.session.appSessionId());
			}
			catch (ProblemException ex) {
				if (ALREADY_MEMBER.equals(ex.problem().code())) {
					logger.warn("Could not join group '{}' again as '{}': {}", HttpGroupMembership.this.name,
							this.memberId, ex.problem().detail());
				}
				// otherwise ended again: joined in the next session
			}
		}

		@Override
		public void close() {
			if (!HttpGroupMembership.this.bindings.unbind(this)) {
				return;
			}
			try {
				HttpGroupMembership.this.api.call("DELETE", base() + "/members/" + Api.segment(this.memberId))
					.param("session", HttpGroupMembership.this.session.appSessionId())
					.expect("MEMBER_NOT_FOUND", "SESSION_ENDED", "SESSION_NOT_FOUND")
					.execute();
			}
			catch (ProblemException ex) {
				// not a member in this session (any more): it left with its session
			}
		}

		@Override
		public String toString() {
			return "member '" + this.memberId + "' of group '" + HttpGroupMembership.this.name + "'";
		}

	}

	/**
	 * A listener: hears each member join once and leave once. Members are told apart by id and join time, so that a
	 * change heard twice (in a snapshot and as an event) is dropped, and a member that left and joined again while
	 * the stream reconnected is heard leaving and joining.
	 */
	private static final class Listening extends SnapshotWatch {

		private final GroupListener listener;

		/** Members as the listener knows them, by id, on the stream's thread. */
		private final Map<String, GroupMember> known = new TreeMap<>();

		Listening(ClientSession session, Api api, String description, GroupListener listener) {
			super(session, api, description);
			this.listener = listener;
		}

		@Override
		protected void snapshot(JsonNode data) {
			Map<String, GroupMember> now = new TreeMap<>();
			data.path("members").forEach((node) -> {
				GroupMember member = convert(node, GroupMember.class);
				now.put(member.memberId(), member);
			});
			for (GroupMember member : new ArrayList<>(this.known.values())) {
				GroupMember current = now.get(member.memberId());
				if (current == null || !current.joinedAt().equals(member.joinedAt())) {
					left(member);
				}
			}
			now.values().forEach(this::joined);
		}

		@Override
		protected void change(String type, JsonNode data) {
			if (!"joined".equals(type) && !"left".equals(type)) {
				return;
			}
			GroupMember member = convert(data, GroupMember.class);
			GroupMember known = this.known.get(member.memberId());
			if ("joined".equals(type)) {
				if (known != null && !member.joinedAt().isAfter(known.joinedAt())) {
					return; // heard already, or older than what it knows
				}
				if (known != null) {
					left(known);
				}
				joined(member);
			}
			else if (known != null && !member.joinedAt().isBefore(known.joinedAt())) {
				left(known);
			}
		}

		private void joined(GroupMember member) {
			GroupMember known = this.known.get(member.memberId());
			if (known != null && known.joinedAt().equals(member.joinedAt())) {
				return;
			}
			this.known.put(member.memberId(), member);
			tell(() -> this.listener.joined(member));
		}

		private void left(GroupMember member) {
			this.known.remove(member.memberId());
			tell(() -> this.listener.left(member));
		}

	}

}
