package io.coordination.autoconfigure.lock;

import java.net.URI;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Answers a request whose {@code @DistributedLock} method did not get its lock with {@code 409 Conflict} and a
 * problem body ({@code application/problem+json}, RFC 9457) naming the lock, instead of a 500: the request can be
 * repeated later. Spring MVC and WebFlux both use it. Ordered last: an application's own
 * {@code @ExceptionHandler(LockNotAcquiredException.class)} wins.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class LockNotAcquiredProblemHandler {

	/** The problem type, as the sidecar's problems are named. */
	public static final URI TYPE = URI.create("https://coordination.io/problems/lock-not-acquired");

	/**
	 * The answer.
	 * @param ex the exception
	 * @return 409 with a problem body
	 */
	@ExceptionHandler(LockNotAcquiredException.class)
	public ResponseEntity<ProblemDetail> lockNotAcquired(LockNotAcquiredException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setType(TYPE);
		problem.setTitle("Lock not acquired");
		problem.setProperty("code", "LOCK_NOT_ACQUIRED");
		problem.setProperty("lock", ex.lock());
		return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
