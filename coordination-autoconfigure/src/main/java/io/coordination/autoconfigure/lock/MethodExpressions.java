package io.coordination.autoconfigure.lock;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.expression.EvaluationException;
import org.springframework.expression.Expression;
import org.springframework.expression.ParserContext;
import org.springframework.expression.common.CompositeStringExpression;
import org.springframework.expression.common.LiteralExpression;
import org.springframework.expression.common.TemplateParserContext;
import org.springframework.expression.spel.standard.SpelExpressionParser;

/**
 * Resolves name templates like {@code "invoice-#{#order.id}"} against a method invocation: literal text with SpEL
 * expressions over the arguments (by name, {@code #a0}, {@code #p0}), {@code #root.method} and {@code #root.target}.
 * Parsed templates are cached.
 * <p>
 * Text outside {@code #{...}} is literal. A name that looks like an expression written elsewhere (Spring's cache
 * annotations take {@code "'acct-' + #from"}) is refused by {@link #check}: used literally, it would be one lock for
 * every call.
 */
public final class MethodExpressions {

	private static final ParserContext TEMPLATE = new TemplateParserContext();

	private final SpelExpressionParser parser = new SpelExpressionParser();

	private final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	private final Map<String, Expression> cache = new ConcurrentHashMap<>();

	/** Signs of an expression in literal text: a variable, a quote, a placeholder, a type reference. */
	private static final Pattern EXPRESSION_LIKE = Pattern.compile("#[A-Za-z_]|['\"]|\\$\\{|\\bT\\(");

	/**
	 * Checks a template once, before any call: it must parse, and its literal text must not look like an
	 * expression.
	 * @param template the template
	 * @param annotation how the template was given, for the message ({@code @DistributedLock(name = ...)})
	 * @param method where it was given
	 * @throws IllegalArgumentException naming the template and what to write instead
	 */
	public void check(String template, String annotation, Method method) {
		Expression expression;
		try {
			expression = this.cache.computeIfAbsent(template, (t) -> this.parser.parseExpression(t, TEMPLATE));
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException(annotation + " on " + method + ": malformed name template '" + template
					+ "': " + ex.getMessage(), ex);
		}
		Expression[] parts = (expression instanceof CompositeStringExpression composite) ? composite.getExpressions()
				: new Expression[] { expression };
		for (Expression part : parts) {
			if (part instanceof LiteralExpression literal
					&& EXPRESSION_LIKE.matcher(literal.getExpressionString()).find()) {
				throw new IllegalArgumentException(annotation + " on " + method + ": '" + template
						+ "' would be used as literal text, the same name for every call, but it looks like an "
						+ "expression. Only what is inside #{...} is evaluated (SpEL over the arguments, e.g. "
						+ "\"acct-#{#from}\" or \"acct-#{#p0}\"); property placeholders ${...} are not resolved in names.");
			}
		}
	}

	/**
	 * Resolves a template.
	 * @param template the template
	 * @param method the method invoked
	 * @param arguments its arguments
	 * @param target the object invoked
	 * @return the resolved text
	 * @throws IllegalArgumentException if the template is malformed or resolves to nothing
	 */
	public String resolve(String template, Method method, Object[] arguments, Object target) {
		if (!template.contains("#{")) {
			return template;
		}
		Expression expression;
		try {
			expression = this.cache.computeIfAbsent(template, (t) -> this.parser.parseExpression(t, TEMPLATE));
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("Malformed name template '" + template + "' on " + method + ": "
					+ ex.getMessage(), ex);
		}
		MethodBasedEvaluationContext context = new MethodBasedEvaluationContext(new Root(method, arguments, target),
				method, arguments, this.parameterNames);
		String value;
		try {
			value = expression.getValue(context, String.class);
		}
		catch (EvaluationException ex) {
			throw new IllegalArgumentException("Cannot resolve name template '" + template + "' on " + method + ": "
					+ ex.getMessage() + " (arguments are named only when compiled with -parameters; #p0, #p1... always"
					+ " work)", ex);
		}
		if (value == null || value.isEmpty()) {
			throw new IllegalArgumentException("Name template '" + template + "' on " + method + " resolved to nothing");
		}
		return value;
	}

	/**
	 * What {@code #root} is in a template.
	 *
	 * @param method the method
	 * @param args its arguments
	 * @param target the object invoked
	 */
	public record Root(Method method, Object[] args, Object target) {
	}

}
