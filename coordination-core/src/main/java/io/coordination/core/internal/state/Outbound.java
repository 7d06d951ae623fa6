package io.coordination.core.internal.state;

import io.coordination.core.internal.protocol.Event;

/**
 * An event for one session, produced while applying a command.
 *
 * @param session the session to publish it to
 * @param event the event
 */
public record Outbound(long session, Event event) {
}
