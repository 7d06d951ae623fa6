package io.coordination.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The JVM lacks the {@code --add-opens} flags Atomix 3.1.12 needs (it serializes JDK types reflectively). Thrown by
 * {@link CoordinationNode#start()} before anything starts.
 */
public class MissingJvmFlagsException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final List<String> packages;

	/**
	 * Creates the exception.
	 * @param packages the {@code java.base} packages that are not open, for example {@code java.util}
	 */
	public MissingJvmFlagsException(List<String> packages) {
		super("Atomix 3.1.12 needs the JVM started with " + flags(packages) + " (it serializes JDK types "
				+ "reflectively). Pass them to java, or put \"Add-Opens: " + manifestValue(packages)
				+ "\" in the manifest of the jar started with java -jar");
		this.packages = List.copyOf(packages);
	}

	/**
	 * The missing command-line flags.
	 * @return for example {@code --add-opens java.base/java.util=ALL-UNNAMED}
	 */
	public String flags() {
		return flags(this.packages);
	}

	/**
	 * The value of the {@code Add-Opens} manifest attribute that opens the packages to a jar started with
	 * {@code java -jar}.
	 * @return for example {@code java.base/java.util.concurrent.atomic java.base/java.util}
	 */
	public String manifestValue() {
		return manifestValue(this.packages);
	}

	private static String flags(List<String> packages) {
		return packages.stream().map((pkg) -> "--add-opens java.base/" + pkg + "=ALL-UNNAMED")
			.collect(Collectors.joining(" "));
	}

	private static String manifestValue(List<String> packages) {
		return packages.stream().map((pkg) -> "java.base/" + pkg).collect(Collectors.joining(" "));
	}

}
