package io.coordination.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the method only while this instance leads an election group, typically on a {@code @Scheduled} method that
 * must run on one instance at a time. Leadership is checked at every invocation (the latest leadership the cluster
 * announced names this instance, in a session confirmed alive within its timeout); a missed event can never make two
 * instances run it. Inside the method, {@link LeaderContext#currentTerm()} is the leadership's term, a fencing token.
 * <p>
 * The starter joins the group at start-up and leaves it on shutdown.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface LeaderOnly {

	/**
	 * Election group; empty for the configured default ({@code coordination.leader.group}, the application name).
	 * @return the group
	 */
	String group() default "";

	/**
	 * What happens when this instance does not lead.
	 * @return the policy
	 */
	OnNotLeader onNotLeader() default OnNotLeader.SKIP;

	/**
	 * What to do when the instance does not lead.
	 */
	enum OnNotLeader {

		/** Skip the method: return {@code null} (void) or {@code Optional.empty()}. */
		SKIP,

		/** Throw a {@code NotLeaderException} naming the group. */
		THROW

	}

}
