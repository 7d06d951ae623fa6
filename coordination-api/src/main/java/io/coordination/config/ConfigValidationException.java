package io.coordination.config;

import java.util.List;

import io.coordination.CoordinationException;

/**
 * A change was refused: its content does not parse or violates the document's schema. Nothing was written; every
 * violation is listed.
 */
public class ConfigValidationException extends CoordinationException {

	private static final long serialVersionUID = 1L;

	private final String document;

	private final List<String> violations;

	/**
	 * Creates the exception.
	 * @param document {@code application/profile}
	 * @param violations every violation
	 */
	public ConfigValidationException(String document, List<String> violations) {
		super("Configuration '" + document + "' is invalid; nothing was written: " + String.join("; ", violations));
		this.document = document;
		this.violations = List.copyOf(violations);
	}

	/**
	 * The document.
	 * @return {@code application/profile}
	 */
	public String document() {
		return this.document;
	}

	/**
	 * Every violation, for example {@code "$.server.port: integer found, string expected"}.
	 * @return the violations
	 */
	public List<String> violations() {
		return this.violations;
	}

}
