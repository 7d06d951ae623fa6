package io.coordination.lock;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Several locks acquired together by {@link io.coordination.Coordination#lockAll}. Closing releases them in reverse
 * order of acquisition.
 */
public final class MultiLockLease implements AutoCloseable {

	private final List<LockLease> leases;

	private final Map<String, LockLease> byName;

	/**
	 * Wraps leases acquired in canonical order.
	 * @param leases the leases, in acquisition order
	 */
	public MultiLockLease(List<LockLease> leases) {
		this.leases = List.copyOf(leases);
		this.byName = this.leases.stream().collect(Collectors.toUnmodifiableMap(LockLease::resource, Function.identity()));
	}

	/**
	 * The leases in acquisition order.
	 * @return the leases
	 */
	public List<LockLease> leases() {
		return this.leases;
	}

	/**
	 * The lease on one lock.
	 * @param name the lock name
	 * @return the lease
	 * @throws NoSuchElementException if the lock is not part of this group
	 */
	public LockLease lease(String name) {
		LockLease lease = this.byName.get(name);
		if (lease == null) {
			throw new NoSuchElementException("No lease on '" + name + "' in " + this.byName.keySet());
		}
		return lease;
	}

	/**
	 * Whether every lease is still valid.
	 * @return whether all are valid
	 */
	public boolean isValid() {
		return this.leases.stream().allMatch(LockLease::isValid);
	}

	/**
	 * Releases every lock, in reverse order.
	 */
	@Override
	public void close() {
		releaseInReverse(this.leases);
	}

	/**
	 * Releases leases in reverse order, releasing all of them even if some fail; the first failure is rethrown.
	 * @param leases the leases in acquisition order
	 */
	public static void releaseInReverse(List<LockLease> leases) {
		List<LockLease> reversed = new ArrayList<>(leases);
		Collections.reverse(reversed);
		RuntimeException failure = null;
		for (LockLease lease : reversed) {
			try {
				lease.close();
			}
			catch (RuntimeException ex) {
				if (failure == null) {
					failure = ex;
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

}
