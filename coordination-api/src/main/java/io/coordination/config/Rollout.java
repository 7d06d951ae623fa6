package io.coordination.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Set;

/**
 * Which instances a staged change reaches first: a percentage of instances (by a stable hash of the instance id, so
 * an instance stays in or out for the whole rollout), plus explicit instance ids, plus instances carrying all the given
 * labels. An instance matching any of the three is targeted.
 *
 * @param percentage 0 to 100
 * @param instanceIds instances targeted by id
 * @param labels labels an instance must all carry to be targeted (empty: none targeted by label)
 */
public record Rollout(int percentage, Set<String> instanceIds, Map<String, String> labels) {

	/**
	 * Validates and copies the components.
	 * @param percentage percentage
	 * @param instanceIds instance ids
	 * @param labels labels
	 */
	public Rollout {
		if (percentage < 0 || percentage > 100) {
			throw new IllegalArgumentException("Rollout percentage must be between 0 and 100: " + percentage);
		}
		instanceIds = Set.copyOf(instanceIds);
		labels = Map.copyOf(labels);
	}

	/**
	 * A rollout to a percentage of instances.
	 * @param percentage 0 to 100
	 * @return the rollout
	 */
	public static Rollout percentage(int percentage) {
		return new Rollout(percentage, Set.of(), Map.of());
	}

	/**
	 * A rollout to explicit instances.
	 * @param instanceIds the instances
	 * @return the rollout
	 */
	public static Rollout instances(Set<String> instanceIds) {
		return new Rollout(0, instanceIds, Map.of());
	}

	/**
	 * Whether an instance is targeted.
	 * @param document {@code application/profile} of the document (part of the hash, so that different documents
	 * pick different instances)
	 * @param instanceId the instance
	 * @param instanceLabels its labels
	 * @return whether the staged version applies to it
	 */
	public boolean targets(String document, String instanceId, Map<String, String> instanceLabels) {
		if (this.instanceIds.contains(instanceId)) {
			return true;
		}
		if (!this.labels.isEmpty() && instanceLabels.entrySet().containsAll(this.labels.entrySet())) {
			return true;
		}
		return bucket(document, instanceId) < this.percentage;
	}

	/**
	 * The stable bucket (0 to 99) of an instance for a document.
	 * @param document {@code application/profile}
	 * @param instanceId the instance
	 * @return the bucket
	 */
	public static int bucket(String document, String instanceId) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256")
				.digest((document + "\n" + instanceId).getBytes(StandardCharsets.UTF_8));
			long value = ((hash[0] & 0xFFL) << 24) | ((hash[1] & 0xFFL) << 16) | ((hash[2] & 0xFFL) << 8)
					| (hash[3] & 0xFFL);
			return (int) (value % 100);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
