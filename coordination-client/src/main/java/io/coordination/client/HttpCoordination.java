package io.coordination.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.SSLContext;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import io.coordination.Coordination;
import io.coordination.CoordinationInspector;
import io.coordination.CoordinationUnavailableException;
import io.coordination.barrier.BarrierInfo;
import io.coordination.barrier.DistributedBarrier;
import io.coordination.barrier.DoubleBarrier;
import io.coordination.client.internal.Api;
import io.coordination.client.internal.ClientSession;
import io.coordination.client.internal.HttpBarrier;
import io.coordination.client.internal.HttpConfigStore;
import io.coordination.client.internal.HttpDoubleBarrier;
import io.coordination.client.internal.HttpGroupMembership;
import io.coordination.client.internal.HttpKeyValueStore;
import io.coordination.client.internal.HttpLeaderElection;
import io.coordination.client.internal.HttpLock;
import io.coordination.client.internal.HttpReadWriteLock;
import io.coordination.client.internal.HttpSemaphore;
import io.coordination.client.internal.HttpServiceRegistry;
import io.coordination.cluster.ClusterMember;
import io.coordination.cluster.ClusterView;
import io.coordination.cluster.RaftPartitionInfo;
import io.coordination.config.ConfigStore;
import io.coordination.discovery.ServiceRegistry;
import io.coordination.election.ElectionInfo;
import io.coordination.election.LeaderElection;
import io.coordination.group.GroupMembership;
import io.coordination.kv.KeyValueStore;
import io.coordination.lock.DeadlockReport;
import io.coordination.lock.DistributedLock;
import io.coordination.lock.DistributedReadWriteLock;
import io.coordination.lock.LockInfo;
import io.coordination.lock.LockMode;
import io.coordination.semaphore.DistributedSemaphore;
import io.coordination.semaphore.SemaphoreInfo;
import io.coordination.session.CoordinationSession;
import tools.jackson.databind.JsonNode;

/**
 * The coordination API through a sidecar's HTTP API: the same interfaces, semantics and fencing tokens as an embedded
 * node. Opens an application session on the sidecar, renews it on a background thread and follows its events (lost
 * leases, leadership); close it to release everything it holds.
 *
 * <pre>{@code
 * try (Coordination coordination = HttpCoordination.builder().url("http://127.0.0.1:8500").build()) {
 *     try (LockLease lease = coordination.lock("orders").lock()) {
 *         repository.save(order, lease.fencingToken());
 *     }
 * }
 * }</pre>
 */
public final class HttpCoordination implements Coordination {

	private final Api api;

	private final ClientSession session;

	private HttpCoordination(Builder builder) {
		this.api = new Api(builder.url, builder.timeout, builder.token, builder.retryAttempts, builder.sslContext);
		this.session = openSession(builder);
	}

	/**
	 * Opens the application session, retrying while the sidecar cannot be reached (it may start after the
	 * application, as containers of a pod do) until the start timeout has passed.
	 */
	private ClientSession openSession(Builder builder) {
		long deadline = System.nanoTime() + builder.startTimeout.toNanos();
		Retry retry = Retry.of("coordination-sidecar-start", RetryConfig.custom()
			.maxAttempts(Integer.MAX_VALUE)
			.intervalFunction(IntervalFunction.ofExponentialBackoff(Duration.ofMillis(200), 1.5, Duration.ofSeconds(2)))
			.retryOnException((error) -> error instanceof CoordinationUnavailableException
					&& System.nanoTime() + 200_000_000L < deadline)
			.failAfterMaxAttempts(false)
			.build());
		try {
			ClientSession session = Retry
				.decorateSupplier(retry, () -> new ClientSession(this.api, builder.name, builder.sessionTtl))
				.get();
			// the failures while the sidecar was starting say nothing about it now
			this.api.forgetFailures();
			return session;
		}
		catch (CoordinationUnavailableException ex) {
			if (builder.startTimeout.isZero()) {
				throw ex;
			}
			throw new CoordinationUnavailableException("The sidecar at " + builder.url + " could not be reached within "
					+ builder.startTimeout.toSeconds() + " s (coordination.start-timeout): " + ex.getMessage(), ex);
		}
	}

	/**
	 * A builder.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public DistributedLock lock(String name) {
		return new HttpLock(this.session, this.api, name, LockMode.EXCLUSIVE);
	}

	@Override
	public DistributedReadWriteLock readWriteLock(String name) {
		return new HttpReadWriteLock(this.session, this.api, name);
	}

	@Override
	public DistributedSemaphore semaphore(String name, int permits) {
		return new HttpSemaphore(this.session, this.api, name, permits);
	}

	@Override
	public LeaderElection election(String group) {
		return HttpLeaderElection.of(this.session, this.api, group);
	}

	@Override
	public DistributedBarrier barrier(String name, int parties) {
		return new HttpBarrier(this.session, this.api, name, parties);
	}

	@Override
	public DoubleBarrier doubleBarrier(String name, int parties) {
		return new HttpDoubleBarrier(this.session, this.api, name, parties);
	}

	@Override
	public KeyValueStore keyValue() {
		return new HttpKeyValueStore(this.session, this.api);
	}

	@Override
	public ConfigStore config() {
		return new HttpConfigStore(this.session, this.api);
	}

	@Override
	public ServiceRegistry discovery() {
		return new HttpServiceRegistry(this.session, this.api);
	}

	@Override
	public GroupMembership group(String name) {
		return new HttpGroupMembership(this.session, this.api, name);
	}

	@Override
	public CoordinationSession session() {
		return this.session;
	}

	@Override
	public ClusterView cluster() {
		return new ClusterView() {

			@Override
			public String localMemberId() {
				return state().path("member").asString();
			}

			@Override
			public List<ClusterMember> members() {
				return List.of(HttpCoordination.this.api.json()
					.treeToValue(state().path("members"), ClusterMember[].class));
			}

			@Override
			public List<RaftPartitionInfo> partitions() {
				return List.of(HttpCoordination.this.api.json()
					.treeToValue(state().path("partitions"), RaftPartitionInfo[].class));
			}

			private JsonNode state() {
				return HttpCoordination.this.api.call("GET", "/v1/cluster").tree();
			}

		};
	}

	@Override
	public CoordinationInspector inspector() {
		return new CoordinationInspector() {

			@Override
			public List<LockInfo> locks() {
				return HttpCoordination.this.api.list(HttpCoordination.this.api.call("GET", "/v1/locks"),
						LockInfo.class);
			}

			@Override
			public List<SemaphoreInfo> semaphores() {
				return HttpCoordination.this.api.list(HttpCoordination.this.api.call("GET", "/v1/semaphores"),
						SemaphoreInfo.class);
			}

			@Override
			public List<ElectionInfo> elections() {
				return HttpCoordination.this.api.list(HttpCoordination.this.api.call("GET", "/v1/elections"),
						ElectionInfo.class);
			}

			@Override
			public List<BarrierInfo> barriers() {
				return HttpCoordination.this.api.list(HttpCoordination.this.api.call("GET", "/v1/barriers"),
						BarrierInfo.class);
			}

			@Override
			public List<DeadlockReport> deadlocks() {
				return HttpCoordination.this.api.list(HttpCoordination.this.api.call("GET", "/v1/deadlocks"),
						DeadlockReport.class);
			}

		};
	}

	@Override
	public void close() {
		this.session.close();
	}

	/**
	 * Settings of the client.
	 */
	public static final class Builder {

		private URI url = URI.create("http://127.0.0.1:8500");

		private Duration sessionTtl = Duration.ofSeconds(15);

		private Duration timeout = Duration.ofSeconds(15);

		private String token;

		private String name = "coordination-client";

		private int retryAttempts = 3;

		private Duration startTimeout = Duration.ZERO;

		private SSLContext sslContext;

		private Builder() {
		}

		/**
		 * TLS settings for an {@code https} URL, when the sidecar's certificate is not trusted by the JVM's default
		 * trust store (for example a cluster-internal CA). Default: the JVM's.
		 * @param sslContext the TLS context
		 * @return this builder
		 */
		public Builder sslContext(SSLContext sslContext) {
			this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
			return this;
		}

		/**
		 * The sidecar's URL. Default {@code http://127.0.0.1:8500}.
		 * @param url the URL
		 * @return this builder
		 */
		public Builder url(String url) {
			this.url = URI.create(Objects.requireNonNull(url, "url"));
			return this;
		}

		/**
		 * TTL of the application session: everything it holds is released when the client has not renewed it for
		 * this long (it renews at a third of it). Default 15 s.
		 * @param ttl the TTL
		 * @return this builder
		 */
		public Builder sessionTtl(Duration ttl) {
			this.sessionTtl = Objects.requireNonNull(ttl, "ttl");
			return this;
		}

		/**
		 * Longest wait for an answer of the sidecar, besides any wait a call asks for. Default 15 s.
		 * @param timeout the timeout
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			this.timeout = Objects.requireNonNull(timeout, "timeout");
			return this;
		}

		/**
		 * Bearer token, when the sidecar requires one.
		 * @param token the token
		 * @return this builder
		 */
		public Builder token(String token) {
			this.token = token;
			return this;
		}

		/**
		 * Name of the session, for operators. Default {@code coordination-client}.
		 * @param name the name
		 * @return this builder
		 */
		public Builder name(String name) {
			this.name = Objects.requireNonNull(name, "name");
			return this;
		}

		/**
		 * Attempts of an idempotent call that fails transiently (at least 1). Default 3.
		 * @param attempts the attempts
		 * @return this builder
		 */
		public Builder retryAttempts(int attempts) {
			this.retryAttempts = attempts;
			return this;
		}

		/**
		 * How long {@link #build()} keeps trying to reach the sidecar (which may start after the application) before
		 * it gives up. Default 0: one attempt.
		 * @param startTimeout the longest wait
		 * @return this builder
		 */
		public Builder startTimeout(Duration startTimeout) {
			this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
			return this;
		}

		/**
		 * Opens the session.
		 * @return the client
		 * @throws io.coordination.CoordinationUnavailableException if the sidecar cannot be reached within the start
		 * timeout
		 */
		public HttpCoordination build() {
			return new HttpCoordination(this);
		}

	}

}
