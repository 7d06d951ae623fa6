package io.coordination.sidecar.barrier;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.coordination.Coordination;
import io.coordination.barrier.BarrierInfo;
import io.coordination.barrier.DistributedBarrier;
import io.coordination.barrier.DoubleBarrier;
import io.coordination.sidecar.SidecarProperties;
import io.coordination.sidecar.lock.LockController;
import io.coordination.sidecar.session.AppSession;
import io.coordination.sidecar.session.AppSessions;
import io.coordination.sidecar.web.ApiException;
import io.coordination.sidecar.web.Durations;
import io.coordination.sidecar.web.Validation;

/**
 * {@code /v1/barriers/{name}} (cyclic barriers) and {@code /v1/double-barriers/{name}} (double barriers): a
 * participant of a session arrives, enters or leaves and the request answers when the barrier trips, or with
 * {@code 409 BARRIER_TIMEOUT} when it did not within the wait (the participant is then withdrawn). A barrier in use
 * with another party count answers {@code 409 BARRIER_PARTIES_MISMATCH}.
 */
@RestController
public class BarrierController {

	private final AppSessions sessions;

	private final Coordination coordination;

	private final SidecarProperties properties;

	BarrierController(AppSessions sessions, Coordination coordination, SidecarProperties properties) {
		this.sessions = sessions;
		this.coordination = coordination;
		this.properties = properties;
	}

	/**
	 * A barrier passed.
	 *
	 * @param barrier the barrier
	 * @param type cyclic or double
	 * @param step what the participant did: {@code arrive}, {@code enter} or {@code leave}
	 * @param parties the party count
	 * @param session the participant's session
	 * @param owner the participant within the session
	 */
	public record Passed(String barrier, BarrierInfo.Type type, String step, int parties, String session,
			String owner) {
	}

	@PostMapping("/v1/barriers/{name}/arrivals")
	Passed arrive(@PathVariable String name, @RequestParam int parties, @RequestParam(required = false) String session,
			@RequestParam(defaultValue = LockController.DEFAULT_OWNER) String owner,
			@RequestParam(required = false) String wait) {
		Step step = step(name, parties, session, owner, wait);
		DistributedBarrier barrier = step.participant().client().barrier(name, parties);
		return pass(step, BarrierInfo.Type.CYCLIC, "arrive", () -> barrier.await(step.timeout()));
	}

	@PostMapping("/v1/double-barriers/{name}/enter")
	Passed enter(@PathVariable String name, @RequestParam int parties, @RequestParam(required = false) String session,
			@RequestParam(defaultValue = LockController.DEFAULT_OWNER) String owner,
			@RequestParam(required = false) String wait) {
		Step step = step(name, parties, session, owner, wait);
		DoubleBarrier barrier = step.participant().client().doubleBarrier(name, parties);
		return pass(step, BarrierInfo.Type.DOUBLE, "enter", () -> barrier.enter(step.timeout()));
	}

	@PostMapping("/v1/double-barriers/{name}/leave")
	Passed leave(@PathVariable String name, @RequestParam(defaultValue = "1") int parties,
			@RequestParam(required = false) String session,
			@RequestParam(defaultValue = LockController.DEFAULT_OWNER) String owner,
			@RequestParam(required = false) String wait) {
		Step step = step(name, parties, session, owner, wait);
		DoubleBarrier barrier = step.participant().client().doubleBarrier(name, parties);
		return pass(step, BarrierInfo.Type.DOUBLE, "leave", () -> barrier.leave(step.timeout()));
	}

	/**
	 * A request to pass a barrier, checked.
	 *
	 * @param name the barrier
	 * @param parties its parties
	 * @param participant the session
	 * @param owner the participant within the session
	 * @param timeout the longest wait
	 */
	private record Step(String name, int parties, AppSession participant, String owner, Duration timeout) {
	}

	private Step step(String name, int parties, String session, String owner, String wait) {
		Validation.name("name", name);
		Validation.positive("parties", parties);
		Validation.name("owner", owner);
		Duration timeout = waitTime(wait);
		return new Step(name, parties, this.sessions.get(session), owner, timeout);
	}

	private Passed pass(Step request, BarrierInfo.Type type, String step, BooleanSupplier action) {
		String name = request.name();
		boolean passed = request.participant().as(request.owner(), action::getAsBoolean);
		if (!passed) {
			throw new ApiException(HttpStatus.CONFLICT, "BARRIER_TIMEOUT", null,
					"Barrier '" + name + "' did not " + (step.equals("leave") ? "empty" : "trip") + " within "
							+ request.timeout() + ((step.equals("leave")) ? " (the participant has left regardless)"
									: " (the participant was withdrawn)"))
				.with("barrier", name)
				.with("step", step);
		}
		return new Passed(name, type, step, request.parties(), request.participant().id(), request.owner());
	}

	/**
	 * {@code wait}: a duration up to the maximum; absent or {@code forever} waits the maximum.
	 */
	private Duration waitTime(String wait) {
		if (wait == null || wait.isBlank() || wait.equalsIgnoreCase("forever")) {
			return this.properties.getMaxWait();
		}
		return Durations.parse("wait", wait, this.properties.getMaxWait());
	}

	@GetMapping("/v1/barriers/{name}")
	BarrierInfo info(@PathVariable String name, @RequestParam(defaultValue = "1") int parties) {
		Validation.name("name", name);
		Validation.positive("parties", parties);
		return describe(name, BarrierInfo.Type.CYCLIC, parties);
	}

	@GetMapping("/v1/double-barriers/{name}")
	BarrierInfo doubleInfo(@PathVariable String name, @RequestParam(defaultValue = "1") int parties) {
		Validation.name("name", name);
		Validation.positive("parties", parties);
		return describe(name, BarrierInfo.Type.DOUBLE, parties);
	}

	/**
	 * The barrier as the inspector sees it, or an idle one with the party count asked for.
	 */
	private BarrierInfo describe(String name, BarrierInfo.Type type, int parties) {
		return this.coordination.inspector()
			.barriers()
			.stream()
			.filter((info) -> info.type() == type && info.name().equals(name))
			.findFirst()
			.orElseGet(() -> new BarrierInfo(name, type, parties, 0, List.of()));
	}

	@GetMapping("/v1/barriers")
	List<BarrierInfo> all() {
		return this.coordination.inspector().barriers();
	}

}
