package io.coordination.autoconfigure.lock;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What a skipped method returns.
 */
public final class Skipping {

	private Skipping() {
	}

	/**
	 * Whether a method with this return type can be skipped.
	 * @param returnType the return type
	 * @return whether it is void, Optional or a CompletionStage
	 */
	public static boolean allowed(Class<?> returnType) {
		return returnType == void.class || returnType == Void.class || returnType == Optional.class
				|| CompletionStage.class.isAssignableFrom(returnType);
	}

	/**
	 * The value a skipped method returns.
	 * @param returnType the return type
	 * @return {@code null}, {@code Optional.empty()}, or a completed stage
	 */
	public static Object valueFor(Class<?> returnType) {
		if (returnType == Optional.class) {
			return Optional.empty();
		}
		if (CompletionStage.class.isAssignableFrom(returnType)) {
			return CompletableFuture.completedFuture(null);
		}
		return null;
	}

}
