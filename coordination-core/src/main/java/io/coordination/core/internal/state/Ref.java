package io.coordination.core.internal.state;

import java.util.Comparator;

import io.coordination.core.internal.protocol.ResourceType;

/**
 * Names one thing a session can be involved in. Ordered canonically so that work done for a session (its expiry)
 * runs in the same order on every replica, whatever order the replica learned the references in.
 *
 * @param kind what it is
 * @param name its name
 */
record Ref(Kind kind, String name) implements Comparable<Ref> {

	private static final Comparator<Ref> ORDER = Comparator.comparing(Ref::kind).thenComparing(Ref::name);

	static Ref of(ResourceType type, String name) {
		return new Ref(Kind.of(type), name);
	}

	ResourceType resourceType() {
		return switch (this.kind) {
			case LOCK -> ResourceType.LOCK;
			case RW_LOCK -> ResourceType.RW_LOCK;
			case SEMAPHORE -> ResourceType.SEMAPHORE;
			default -> throw new IllegalStateException(this.kind + " is not a leased resource");
		};
	}

	@Override
	public int compareTo(Ref other) {
		return ORDER.compare(this, other);
	}

	enum Kind {

		LOCK, RW_LOCK, SEMAPHORE, ELECTION, BARRIER, DOUBLE_BARRIER, KEY;

		static Kind of(ResourceType type) {
			return switch (type) {
				case LOCK -> LOCK;
				case RW_LOCK -> RW_LOCK;
				case SEMAPHORE -> SEMAPHORE;
			};
		}

	}

}
