package io.coordination.sidecar.session;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.coordination.session.SessionState;
import io.coordination.sidecar.SidecarProperties;
import io.coordination.sidecar.security.Permissions;
import io.coordination.sidecar.web.Durations;
import io.coordination.sidecar.web.Validation;
import io.coordination.sidecar.web.EventLog;

/**
 * {@code /v1/sessions}: application sessions. Create one with a TTL, renew it within the TTL, destroy it when done;
 * follow its events (leases lost, leadership, its end) as Server-Sent Events or with blocking queries. With security
 * on, a session belongs to the token that created it: only that token may use it ({@code TokenFilter} refuses the
 * others), and the list shows the caller's own sessions (all of them to a {@code write:*} token).
 */
@RestController
@RequestMapping("/v1/sessions")
public class SessionController {

	private final AppSessions sessions;

	private final SidecarProperties properties;

	SessionController(AppSessions sessions, SidecarProperties properties) {
		this.sessions = sessions;
		this.properties = properties;
	}

	/**
	 * A session to create.
	 *
	 * @param name a name for operators (optional)
	 * @param ttl its TTL, for example {@code "15s"} (optional)
	 * @param checks ids of health checks whose critical state ends the session (optional)
	 */
	public record NewSession(String name, String ttl, Set<String> checks) {
	}

	/**
	 * A session.
	 *
	 * @param id its id
	 * @param name its name
	 * @param ttl its TTL
	 * @param remaining time left before it expires without renewal
	 * @param member the cluster member serving it
	 * @param clusterSession id of its session with the cluster
	 * @param state state of that session
	 * @param checks health checks it is tied to
	 * @param createdAt when it was created
	 * @param lastEvent index of its newest event
	 */
	public record SessionView(String id, String name, Duration ttl, Duration remaining, String member,
			long clusterSession, SessionState state, Set<String> checks, Instant createdAt, long lastEvent) {

		static SessionView of(AppSession session) {
			return new SessionView(session.id(), session.name(), session.ttl(),
					session.remaining().truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
					session.client().session().memberId(), session.client().session().id(),
					session.client().session().state(), session.checks(), session.createdAt(),
					session.events().lastIndex());
		}

	}

	@PostMapping
	ResponseEntity<SessionView> create(@RequestBody(required = false) NewSession request,
			HttpServletRequest http) {
		NewSession body = (request != null) ? request : new NewSession(null, null, null);
		AppSession session = this.sessions.create(Permissions.of(http).token(), body.name(),
				Durations.parse("ttl", body.ttl(), Durations.LONGEST),
				(body.checks() != null) ? Validation.noNulls("checks", body.checks()) : Set.of());
		return ResponseEntity.created(URI.create("/v1/sessions/" + session.id())).body(SessionView.of(session));
	}

	@GetMapping
	List<SessionView> list(HttpServletRequest http) {
		Permissions caller = Permissions.of(http);
		boolean all = !caller.restricted() || caller.administers();
		return this.sessions.all()
			.stream()
			.filter((session) -> all || Objects.equals(session.creator(), caller.token()))
			.map(SessionView::of)
			.toList();
	}

	@GetMapping("/{id}")
	SessionView get(@PathVariable String id) {
		return SessionView.of(this.sessions.get(id));
	}

	@PutMapping("/{id}/renew")
	SessionView renew(@PathVariable String id) {
		return SessionView.of(this.sessions.renew(id));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> destroy(@PathVariable String id) {
		this.sessions.destroy(id);
		return ResponseEntity.noContent().build();
	}

	@GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter stream(@PathVariable String id,
			@RequestHeader(name = "Last-Event-ID", required = false) Long lastEventId,
			@RequestParam(name = "after", required = false) Long after) {
		long from = (lastEventId != null) ? lastEventId : (after != null) ? after : 0;
		return this.sessions.events(id).subscribe(from);
	}

	@GetMapping(path = "/{id}/events", produces = MediaType.APPLICATION_JSON_VALUE)
	List<EventLog.Event> poll(@PathVariable String id, @RequestParam(name = "index", defaultValue = "0") long index,
			@RequestParam(name = "wait", required = false) String wait) {
		Validation.index(index);
		Duration limit = Durations.parse("wait", wait, this.properties.getMaxWait());
		return this.sessions.events(id).after(index, (limit != null) ? limit : Duration.ZERO);
	}

}
