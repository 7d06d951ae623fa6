package io.coordination.autoconfigure.lock;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.expression.EvaluationException;
import org.springframework.expression.Expression;
import org.springframework.expression.ParserContext;
import org.springframework.expression.common.TemplateParserContext;
import org.springframework.expression.spel.standard.SpelExpressionParser;

/**
 * Resolves name templates like {@code "invoice-#{#order.id}"} against a method invocation: literal text with SpEL
 * expressions over the arguments (by name, {@code #a0}, {@code #p0}), {@code #root.method} and {@code #root.target}.
 * Parsed templates are cached.
 */
public final class MethodExpressions {

	private static final ParserContext TEMPLATE = new TemplateParserContext();

	private final SpelExpressionParser parser = new SpelExpressionParser();

	private final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	private final Map<String, Expression> cache = new ConcurrentHashMap<>();

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
