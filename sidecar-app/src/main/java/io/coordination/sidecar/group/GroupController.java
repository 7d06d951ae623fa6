package io.coordination.sidecar.group;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.coordination.Coordination;
import io.coordination.group.GroupListener;
import io.coordination.group.GroupMember;
import io.coordination.group.GroupMembership;
import io.coordination.group.Membership;
import io.coordination.sidecar.SidecarProperties;
import io.coordination.sidecar.config.Segments;
import io.coordination.sidecar.config.WatchStreams;
import io.coordination.sidecar.discovery.Records;
import io.coordination.sidecar.kv.KeyValueController;
import io.coordination.sidecar.kv.KvWaits;
import io.coordination.sidecar.session.AppSession;
import io.coordination.sidecar.session.AppSessions;
import io.coordination.sidecar.web.ApiException;
import io.coordination.sidecar.web.Validation;
import io.coordination.sidecar.web.Durations;

/**
 * {@code /v1/groups/{group}}: group membership. Members join under an application session with metadata and leave
 * when they say so or when their session ends; anyone lists the members or follows joins and leaves.
 */
@RestController
public class GroupController {

	/** Where the cluster keeps the members (the core's layout: one key per member below the group). */
	private static final String GROUPS = "/_groups/";

	private final AppSessions sessions;

	private final Coordination coordination;

	private final WatchStreams watches;

	private final SidecarProperties properties;

	GroupController(AppSessions sessions, Coordination coordination, WatchStreams watches,
			SidecarProperties properties) {
		this.properties = properties;
		this.sessions = sessions;
		this.coordination = coordination;
		this.watches = watches;
	}

	/**
	 * A member joining.
	 *
	 * @param metadata what it publishes (optional)
	 */
	public record Joining(Map<String, String> metadata) {

		Map<String, String> checkedMetadata() {
			return Records.metadata(this.metadata);
		}

	}

	/**
	 * First event of a watch: the members of the group.
	 *
	 * @param group the group
	 * @param members its members, by id
	 */
	public record GroupSnapshot(String group, List<GroupMember> members) {
	}

	@PutMapping("/v1/groups/{group}/members/{memberId}")
	GroupMember join(@PathVariable String group, @PathVariable String memberId, @RequestParam String session,
			@RequestBody(required = false) Joining request) {
		check(group, memberId);
		Map<String, String> metadata = ((request != null) ? request : new Joining(null)).checkedMetadata();
		AppSession owner = this.sessions.get(session);
		Membership membership;
		try {
			membership = owner.client().group(group).join(memberId, metadata);
		}
		catch (IllegalStateException ex) {
			// joined by another session
			throw new ApiException(HttpStatus.CONFLICT, "ALREADY_MEMBER", "memberId", ex.getMessage())
				.with("group", group)
				.with("memberId", memberId);
		}
		String key = key(group, memberId);
		owner.keep(key, membership);
		if (owner.ended()) {
			// ended meanwhile, after releasing what it kept: the member left with its cluster session
			owner.forget(key);
			this.sessions.get(owner.id());
		}
		return membership.member();
	}

	@DeleteMapping("/v1/groups/{group}/members/{memberId}")
	ResponseEntity<Void> leave(@PathVariable String group, @PathVariable String memberId,
			@RequestParam String session) {
		check(group, memberId);
		AppSession owner = this.sessions.get(session);
		AutoCloseable membership = owner.forget(key(group, memberId))
			.orElseThrow(() -> ApiException.notFound("MEMBER_NOT_FOUND", "Session " + session
					+ " has no member '" + memberId + "' in group '" + group + "'"));
		((Membership) membership).close();
		return ResponseEntity.noContent().build();
	}

	/**
	 * The members of a group; with {@code index} a blocking query: answers when they changed after that revision
	 * (or after {@code wait}), with the revision to ask from next in {@code X-Coordination-Index}.
	 */
	@GetMapping("/v1/groups/{group}")
	ResponseEntity<List<GroupMember>> members(@PathVariable String group, @RequestParam(required = false) Long index,
			@RequestParam(required = false) String wait) {
		Validation.index(index);
		GroupMembership membership = group(group);
		long revision = KvWaits.blockingQuery(this.coordination.keyValue(), GROUPS + group + "/", index,
				Durations.blockingWait(wait, this.properties.getMaxWait()));
		return ResponseEntity.ok()
			.header(KeyValueController.INDEX_HEADER, Long.toString(revision))
			.body(membership.members());
	}

	@GetMapping("/v1/groups/{group}/members/{memberId}")
	GroupMember member(@PathVariable String group, @PathVariable String memberId) {
		check(group, memberId);
		return group(group).members()
			.stream()
			.filter((member) -> member.memberId().equals(memberId))
			.findFirst()
			.orElseThrow(() -> ApiException.notFound("MEMBER_NOT_FOUND",
					"Group '" + group + "' has no member '" + memberId + "'"));
	}

	/**
	 * Streams a group: a {@code snapshot} event with its members, then a {@code joined} or {@code left} event for
	 * every change.
	 */
	@GetMapping(path = "/v1/groups/{group}/watch", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter watch(@PathVariable String group) {
		GroupMembership membership = group(group);
		// read after the listener starts: a client compares it with what it knows, a member that left meanwhile is
		// not missed
		return this.watches.stream("group '" + group + "'", (stream) -> membership.addListener(new GroupListener() {

			@Override
			public void joined(GroupMember member) {
				stream.send("joined", member);
			}

			@Override
			public void left(GroupMember member) {
				stream.send("left", member);
			}

		}), () -> new GroupSnapshot(group, membership.members()));
	}

	private GroupMembership group(String group) {
		return this.coordination.group(Segments.check("group", "group", group));
	}

	private static String key(String group, String memberId) {
		return "group:" + group + "/" + memberId;
	}

	private static void check(String group, String memberId) {
		Segments.check("group", "group", group);
		Segments.check("memberId", "member id", memberId);
	}

}
