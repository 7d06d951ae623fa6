package io.coordination.sidecar.election;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.util.UriUtils;

import io.coordination.Coordination;
import io.coordination.election.Candidacy;
import io.coordination.election.ElectionInfo;
import io.coordination.election.Leadership;
import io.coordination.election.LeadershipListener;
import io.coordination.sidecar.SidecarProperties;
import io.coordination.sidecar.session.AppSession;
import io.coordination.sidecar.session.AppSessions;
import io.coordination.sidecar.web.ApiException;
import io.coordination.sidecar.web.Durations;
import io.coordination.sidecar.web.Validation;

/**
 * {@code /v1/elections/{group}}: candidates join under a session and leave; the session's event stream tells them
 * when their leadership is granted or revoked ({@code leadership} events). Anyone reads the leader and the
 * candidates, waits for a leader, or follows every change of leader as Server-Sent Events.
 */
@RestController
public class ElectionController {

	/** Type of the session events that tell a candidate its leadership changed. */
	public static final String LEADERSHIP_EVENT = "leadership";

	private final AppSessions sessions;

	private final Coordination coordination;

	private final SidecarProperties properties;

	private final LeadershipWatches watches;

	ElectionController(AppSessions sessions, Coordination coordination, SidecarProperties properties,
			LeadershipWatches watches) {
		this.sessions = sessions;
		this.coordination = coordination;
		this.properties = properties;
		this.watches = watches;
	}

	/**
	 * A candidate to join.
	 *
	 * @param candidateId its id, unique in the group
	 * @param metadata small key/value data other members can read (optional)
	 */
	public record NewCandidate(String candidateId, Map<String, String> metadata) {
	}

	/**
	 * A candidacy of a session.
	 *
	 * @param group the group
	 * @param candidateId the candidate
	 * @param session the session it belongs to
	 * @param metadata what it published
	 * @param leader whether it leads now
	 * @param leadership its leadership, or {@code null}
	 */
	public record CandidacyView(String group, String candidateId, String session, Map<String, String> metadata,
			boolean leader, Leadership leadership) {
	}

	/**
	 * A change of a candidate's leadership, published on its session's event stream.
	 *
	 * @param session the session
	 * @param group the group
	 * @param candidateId the candidate
	 * @param change {@code granted} or {@code revoked}
	 * @param term the leadership's term
	 * @param leadership the leadership granted or revoked
	 */
	public record LeadershipChange(String session, String group, String candidateId, String change, long term,
			Leadership leadership) {
	}

	@PostMapping("/v1/elections/{group}/candidates")
	ResponseEntity<CandidacyView> join(@PathVariable String group, @RequestParam(required = false) String session,
			@RequestBody NewCandidate request) {
		Validation.name("group", group);
		String candidateId = Validation.name("candidateId", request.candidateId());
		Map<String, String> metadata = (request.metadata() != null) ? request.metadata() : Map.of();
		metadata.forEach((key, value) -> {
			Validation.name("metadata", key);
			if (value == null) {
				throw ApiException.invalid("metadata", "the value of '" + key + "' must not be null");
			}
		});
		AppSession candidate = this.sessions.get(session);
		String key = key(group, candidateId);
		if (candidate.kept(key).isPresent()) {
			throw new ApiException(HttpStatus.CONFLICT, "ALREADY_CANDIDATE", "candidateId", "Candidate '"
					+ candidateId + "' already joined election group '" + group + "' in session " + candidate.id())
				.with("group", group)
				.with("candidateId", candidateId);
		}
		Candidacy candidacy;
		try {
			candidacy = candidate.client().election(group).join(candidateId, metadata);
		}
		catch (IllegalStateException ex) {
			throw new ApiException(HttpStatus.CONFLICT, "ALREADY_CANDIDATE", "candidateId", ex.getMessage())
				.with("group", group)
				.with("candidateId", candidateId);
		}
		candidacy.addListener(new LeadershipListener() {

			@Override
			public void granted(Leadership leadership) {
				publish(candidate, candidacy, "granted", leadership);
			}

			@Override
			public void revoked(Leadership leadership) {
				publish(candidate, candidacy, "revoked", leadership);
			}

		});
		candidate.keep(key, candidacy);
		if (candidate.ended()) {
			// ended meanwhile, after releasing what it kept: nobody else closes this one
			candidate.forget(key).ifPresent((ended) -> candidacy.close());
			this.sessions.get(candidate.id());
		}
		return ResponseEntity
			.created(URI.create("/v1/elections/" + UriUtils.encodePathSegment(group, StandardCharsets.UTF_8)
					+ "/candidates/" + UriUtils.encodePathSegment(candidateId, StandardCharsets.UTF_8)))
			.body(view(candidate, candidacy, metadata));
	}

	private static void publish(AppSession session, Candidacy candidacy, String change, Leadership leadership) {
		session.events()
			.publish(LEADERSHIP_EVENT, new LeadershipChange(session.id(), candidacy.group(), candidacy.candidateId(),
					change, leadership.term(), leadership));
	}

	@GetMapping("/v1/elections/{group}/candidates/{candidateId}")
	CandidacyView candidacy(@PathVariable String group, @PathVariable String candidateId,
			@RequestParam(required = false) String session) {
		AppSession candidate = this.sessions.get(session);
		Candidacy candidacy = candidacy(candidate, group, candidateId, false);
		ElectionInfo info = this.coordination.election(group).info();
		Map<String, String> metadata = info.candidates()
			.stream()
			.filter((c) -> c.candidateId().equals(candidateId))
			.findFirst()
			.map(ElectionInfo.Candidate::metadata)
			.orElse(Map.of());
		return view(candidate, candidacy, metadata);
	}

	@DeleteMapping("/v1/elections/{group}/candidates/{candidateId}")
	ResponseEntity<Void> leave(@PathVariable String group, @PathVariable String candidateId,
			@RequestParam(required = false) String session) {
		AppSession candidate = this.sessions.get(session);
		candidacy(candidate, group, candidateId, true).close();
		return ResponseEntity.noContent().build();
	}

	private static Candidacy candidacy(AppSession session, String group, String candidateId, boolean forget) {
		Validation.name("group", group);
		Validation.name("candidateId", candidateId);
		String key = key(group, candidateId);
		Optional<AutoCloseable> kept = forget ? session.forget(key) : session.kept(key);
		return (Candidacy) kept.orElseThrow(() -> ApiException.notFound("NOT_CANDIDATE",
				"Session " + session.id() + " has no candidate '" + candidateId + "' in election group '" + group
						+ "'"));
	}

	private static CandidacyView view(AppSession session, Candidacy candidacy, Map<String, String> metadata) {
		Optional<Leadership> leadership = candidacy.leadership();
		return new CandidacyView(candidacy.group(), candidacy.candidateId(), session.id(), metadata,
				leadership.isPresent(), leadership.orElse(null));
	}

	private static String key(String group, String candidateId) {
		return "election:" + group + ":" + candidateId;
	}

	@GetMapping("/v1/elections/{group}")
	ElectionInfo info(@PathVariable String group) {
		return this.coordination.election(Validation.name("group", group)).info();
	}

	/**
	 * The group's leader; with {@code wait}, waits up to that long for one.
	 * @param group the group
	 * @param wait longest wait (optional)
	 * @return the leadership, or {@code 404 NO_LEADER}
	 */
	@GetMapping("/v1/elections/{group}/leader")
	Leadership leader(@PathVariable String group, @RequestParam(required = false) String wait) {
		Validation.name("group", group);
		Duration waitTime = Durations.parse("wait", wait, this.properties.getMaxWait());
		Optional<Leadership> leader = (waitTime != null && !waitTime.isZero())
				? this.coordination.election(group).awaitLeader(waitTime) : this.coordination.election(group).leader();
		return leader.orElseThrow(() -> ApiException.notFound("NO_LEADER", "Election group '" + group
				+ "' has no leader" + ((waitTime != null && !waitTime.isZero()) ? " (waited " + waitTime + ")" : ""))
			.with("group", group));
	}

	/**
	 * Every change of the group's leader, as Server-Sent Events: first {@code watching} with the current leader,
	 * then {@code revoked} and {@code granted} with the leadership, in term order. Event ids grow with the terms
	 * ({@code 2 * term} granted, {@code 2 * term + 1} revoked), so a client that resumes drops what it saw.
	 * @param group the group
	 * @return the stream
	 */
	@GetMapping(path = "/v1/elections/{group}/watch", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter watch(@PathVariable String group) {
		return this.watches.watch(this.coordination.election(Validation.name("group", group)));
	}

	@GetMapping("/v1/elections")
	List<ElectionInfo> all() {
		return this.coordination.inspector().elections();
	}

}
