package io.coordination.core.internal.state;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;

/**
 * JSON Schema patterns ({@code pattern}, {@code patternProperties}, {@code format: regex}) run with RE2/J: matching
 * takes time linear in the input whatever the pattern, so a schema cannot stall the replicated state machine the way a
 * backtracking pattern such as {@code (x+x+)+y} stalls {@code java.util.regex}. RE2 has no backreferences or
 * lookaround; a schema that uses them is refused when it is configured. Deterministic on every replica.
 */
final class LinearTimeRegex implements RegularExpressionFactory {

	static final LinearTimeRegex INSTANCE = new LinearTimeRegex();

	private LinearTimeRegex() {
	}

	@Override
	public RegularExpression getRegularExpression(String regex) {
		Pattern pattern;
		try {
			pattern = Pattern.compile(regex);
		}
		catch (PatternSyntaxException ex) {
			throw new IllegalArgumentException("pattern '" + abbreviate(regex) + "' is not supported: "
					+ ex.getDescription() + " (patterns must run in linear time: no backreferences or lookaround)", ex);
		}
		// JSON Schema patterns are not anchored: a match anywhere in the value counts
		return (value) -> pattern.matcher(value).find();
	}

	private static String abbreviate(String regex) {
		return (regex.length() <= 80) ? regex : regex.substring(0, 77) + "...";
	}

}
