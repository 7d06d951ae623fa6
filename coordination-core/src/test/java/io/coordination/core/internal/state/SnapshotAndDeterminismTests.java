package io.coordination.core.internal.state;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.coordination.barrier.BarrierInfo;
import io.coordination.core.internal.protocol.Command;
import io.coordination.core.internal.protocol.ResourceType;
import io.coordination.core.internal.protocol.Result;
import io.coordination.lock.LockMode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays random workloads: two replicas applying the same entries agree on every result, event and state; a
 * replica restored from a snapshot mid-way agrees with the one that applied everything.
 */
class SnapshotAndDeterminismTests {

	private static final String[] NAMES = { "a", "b", "c" };

	private static final String[] OWNERS = { "t1", "t2" };

	@ParameterizedTest
	@ValueSource(longs = { 1, 2, 3, 4, 5, 6, 7, 8 })
	void replicasAndRestoredSnapshotsAgree(long seed) {
		Random random = new Random(seed);
		List<Step> steps = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			steps.add(randomStep(random, i));
		}
		StateMachineDriver first = new StateMachineDriver();
		StateMachineDriver second = new StateMachineDriver();
		StateMachineDriver restored = null;
		int snapshotAt = 200 + random.nextInt(200);
		for (int i = 0; i < steps.size(); i++) {
			Object a = steps.get(i).run(first);
			Object b = steps.get(i).run(second);
			assertThat(b).as("step %d: %s", i, steps.get(i)).isEqualTo(a);
			if (restored != null) {
				Object c = steps.get(i).run(restored);
				assertThat(c).as("restored, step %d: %s", i, steps.get(i)).isEqualTo(a);
			}
			if (i == snapshotAt) {
				restored = new StateMachineDriver();
				restored.machine.restore(first.machine.snapshot());
				restored.index = first.index;
				restored.now = first.now;
				restored.events.addAll(first.events);
				assertThat(restored.inspect()).isEqualTo(first.inspect());
				assertThat(first.inspect().locks()).as("a snapshot of a busy state").isNotEmpty();
			}
		}
		assertThat(first.events).as("the workload grants, expires and elects").hasSizeGreaterThan(60);
		assertThat(second.events).isEqualTo(first.events);
		assertThat(restored.events).isEqualTo(first.events);
		assertThat(restored.inspect()).isEqualTo(first.inspect());
		assertThat(restored.machine.snapshot()).isEqualTo(first.machine.snapshot());
	}

	private Step randomStep(Random random, int i) {
		long session = 1 + random.nextInt(4);
		String name = NAMES[random.nextInt(NAMES.length)];
		String owner = OWNERS[random.nextInt(OWNERS.length)];
		long requestId = i + 1;
		int kind = random.nextInt(30);
		return switch (kind) {
			case 0, 1, 2 -> new Apply(session, StateMachineDriver.acquire(requestId, ResourceType.LOCK, name, owner,
					LockMode.EXCLUSIVE, 1, 0, random.nextBoolean() ? 0 : 3_000, random.nextInt(3) - 1 + 0L,
					random.nextBoolean()));
			case 3, 4 -> new Apply(session, StateMachineDriver.acquire(requestId, ResourceType.RW_LOCK, name, owner,
					random.nextBoolean() ? LockMode.READ : LockMode.WRITE, 1, 0, 0, random.nextBoolean() ? -1 : 2_000,
					false));
			case 5, 6 -> new Apply(session, StateMachineDriver.acquire(requestId, ResourceType.SEMAPHORE, name, owner,
					LockMode.EXCLUSIVE, 1 + random.nextInt(2), 3, 0, -1, false));
			case 7, 8, 9 -> new ReleaseHeld(session, name, owner);
			case 10 -> new Apply(session, new Command.Cancel(1 + random.nextInt(Math.max(1, i))));
			case 11 -> new Apply(session, new Command.Join(name, owner + "@" + session, owner, Map.of("k", "v")));
			case 12 -> new Apply(session, new Command.Leave(name, owner + "@" + session));
			case 13 -> new Apply(session, new Command.AwaitBarrier(requestId, name, owner, 3));
			case 14 -> new Apply(session, random.nextBoolean() ? new Command.EnterDoubleBarrier(requestId, name, owner, 2)
					: new Command.LeaveDoubleBarrier(requestId, name, owner));
			case 15 -> new Advance(500 + random.nextInt(2_000));
			case 16 -> new Expire(session);
			case 17 -> new Apply(session, new Command.ForceRelease(ResourceType.LOCK, name));
			case 18 -> new Apply(session, new Command.Watch(name, random.nextBoolean()));
			case 20 -> new Apply(session, new Command.KvPut("/kv/" + name, ("v" + i).getBytes(), -1,
					random.nextBoolean() ? 2_000 : 0, random.nextBoolean()));
			case 21 -> new Apply(session, new Command.KvDelete("/kv/" + name, random.nextBoolean() ? -1 : 1, false));
			case 22 -> new Apply(session, new Command.KvTxn(List.of(io.coordination.kv.Compare.absent("/kv/" + name)),
					List.of(io.coordination.kv.Op.put("/kv/" + name, "t"), io.coordination.kv.Op.put("/kv/x", "y")),
					List.of(io.coordination.kv.Op.delete("/kv/" + name))));
			case 23 -> new Apply(session, new Command.KvWatch(i, "/", true, Math.max(0, i - 50)));
			case 24 -> new Apply(session, new Command.ServiceRegister(
					io.coordination.discovery.ServiceRegistration.of("svc", name, "h", 1)
						.withChecks(Duration.ofMillis(1_500), Duration.ofMillis(2_000))));
			case 25 -> new Apply(session, random.nextBoolean() ? new Command.ServiceHeartbeat("svc", name)
					: new Command.ServiceHealth("svc", name, io.coordination.discovery.HealthStatus.WARNING, "slow"));
			case 26 -> new Apply(session, random.nextBoolean() ? new Command.GroupJoin("g", owner + session, Map.of())
					: new Command.GroupLeave("g", owner + session));
			case 27 -> new Apply(session, new Command.ConfigApply(List.of(io.coordination.config.ConfigChange.of("app",
					name, io.coordination.config.ConfigFormat.PROPERTIES, "k=" + i, "a", "m")),
					random.nextBoolean() ? io.coordination.config.Rollout.percentage(50) : null));
			case 28 -> new Apply(session, random.nextBoolean() ? new Command.ConfigPromote("app", name, "a")
					: new Command.ConfigRollback("app", name, 1, "a", "back"));
			default -> new Describe(name);
		};
	}

	interface Step {

		Object run(StateMachineDriver driver);

	}

	record Apply(long session, Command command) implements Step {

		@Override
		public Object run(StateMachineDriver driver) {
			if (!driver.machine.sessions().containsKey(this.session)) {
				driver.open(this.session);
			}
			return driver.apply(this.session, this.command);
		}

	}

	/** Releases, with its real token, whatever the owner holds of the name (looked up in the replica's own state). */
	record ReleaseHeld(long session, String name, String owner) implements Step {

		@Override
		public Object run(StateMachineDriver driver) {
			List<Result> results = new ArrayList<>();
			for (var lock : driver.inspect().locks()) {
				for (var holder : lock.holders()) {
					if (lock.name().equals(this.name) && holder.owner().session() == this.session
							&& holder.owner().id().equals(this.owner)) {
						ResourceType type = (lock.kind() == io.coordination.lock.LockKind.EXCLUSIVE) ? ResourceType.LOCK
								: ResourceType.RW_LOCK;
						results.add(driver.apply(this.session, new Command.Release(type, this.name, this.owner,
								holder.mode(), holder.fencingToken())));
					}
				}
			}
			for (var semaphore : driver.inspect().semaphores()) {
				for (var holder : semaphore.holders()) {
					if (semaphore.name().equals(this.name) && holder.owner().session() == this.session) {
						results.add(driver.apply(this.session, new Command.Release(ResourceType.SEMAPHORE, this.name,
								holder.owner().id(), LockMode.EXCLUSIVE, holder.fencingToken())));
					}
				}
			}
			return results;
		}

	}

	record Advance(long millis) implements Step {

		@Override
		public Object run(StateMachineDriver driver) {
			driver.advance(this.millis);
			return null;
		}

	}

	record Expire(long session) implements Step {

		@Override
		public Object run(StateMachineDriver driver) {
			driver.expire(this.session);
			return null;
		}

	}

	record Describe(String name) implements Step {

		@Override
		public Object run(StateMachineDriver driver) {
			return List.of(driver.query(new io.coordination.core.internal.protocol.Query.DescribeLock(
					ResourceType.LOCK, this.name)), driver.query(
							new io.coordination.core.internal.protocol.Query.DescribeBarrier(this.name,
									BarrierInfo.Type.DOUBLE, 2)),
					driver.inspect());
		}

	}

}
