package io.coordination.autoconfigure.config;

import java.lang.reflect.Constructor;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindingPostProcessor;
import org.springframework.boot.context.properties.bind.BindMethod;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertySource;

/**
 * Applies changed properties without Spring Cloud: every {@code @ConfigurationProperties} bean whose prefix covers a
 * changed key is bound again, in place, by Spring Boot's own binding post-processor (the application's converters and
 * {@code @Validated} constraints apply). A change that does not bind or validate is first tried on a fresh instance
 * and, if it fails there, is refused with an error naming the property; the bean keeps its values.
 * <p>
 * What this cannot reach is said once at start-up: constructor-bound properties (records, {@code @ConstructorBinding})
 * are immutable, and {@code @Value} injections or beans built from properties at start keep their values; Spring
 * Cloud Context's {@code @RefreshScope} re-creates those (with Spring Cloud Context on the classpath, the starter uses
 * it instead of this).
 * <p>
 * A key removed from the document keeps its last bound value until the application restarts: binding sets what is
 * present, it does not reset fields to their defaults.
 */
final class BinderConfigRefresher implements ConfigRefresher, SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(BinderConfigRefresher.class);

	private final ConfigurableApplicationContext context;

	BinderConfigRefresher(ConfigurableApplicationContext context) {
		this.context = context;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Set<String> imported = new LinkedHashSet<>();
		for (PropertySource<?> source : this.context.getEnvironment().getPropertySources()) {
			if (source instanceof CoordinationPropertySource coordination) {
				imported.addAll(coordination.getSource().keySet());
			}
		}
		if (imported.isEmpty()) {
			return;
		}
		logger.info("Configuration imported from coordination: is applied live by binding @ConfigurationProperties "
				+ "beans again; @Value injections and beans built from properties at start-up keep their values "
				+ "(add Spring Cloud Context, release train 2025.1 for Spring Boot 4.0, and @RefreshScope for those)");
		for (ConfigurationPropertiesBean bean : ConfigurationPropertiesBean.getAll(this.context).values()) {
			if (isValueObject(bean) && covers(bean, imported)) {
				logger.warn(describe(bean) + " is constructor-bound (immutable): changes of its properties in "
						+ "imported configuration reach it only after a restart; give it setters to have them applied "
						+ "live");
			}
		}
	}

	@Override
	public void refresh(Set<String> changedKeys) {
		Map<String, ConfigurationPropertiesBean> beans = ConfigurationPropertiesBean.getAll(this.context);
		ConfigurationPropertiesBindingPostProcessor binding = this.context.getBean(
				ConfigurationPropertiesBindingPostProcessor.BEAN_NAME, ConfigurationPropertiesBindingPostProcessor.class);
		for (ConfigurationPropertiesBean bean : beans.values()) {
			if (!covers(bean, changedKeys)) {
				continue;
			}
			if (isValueObject(bean)) {
				logger.warn(describe(bean) + " is constructor-bound (immutable) and keeps its values until a restart");
				continue;
			}
			rebind(binding, bean);
		}
	}

	private void rebind(ConfigurationPropertiesBindingPostProcessor binding, ConfigurationPropertiesBean bean) {
		Object target = bean.getInstance();
		if (AopUtils.isAopProxy(target)) {
			Object singleton = AopProxyUtils.getSingletonTarget(target);
			if (singleton != null) {
				target = singleton;
			}
		}
		Object trial = freshInstance(target.getClass());
		try {
			if (trial != null) {
				// a value that does not convert or validate fails here, before the live bean is touched
				binding.postProcessBeforeInitialization(trial, bean.getName());
			}
			binding.postProcessBeforeInitialization(target, bean.getName());
		}
		catch (RuntimeException ex) {
			logger.error("Cannot apply the changed configuration to " + describe(bean) + "; it keeps its values: "
					+ rootMessage(ex));
		}
	}

	private static Object freshInstance(Class<?> type) {
		try {
			Constructor<?> constructor = type.getDeclaredConstructor();
			return BeanUtils.instantiateClass(constructor);
		}
		catch (NoSuchMethodException | RuntimeException ex) {
			return null;
		}
	}

	private static boolean isValueObject(ConfigurationPropertiesBean bean) {
		return bean.asBindTarget().getBindMethod() == BindMethod.VALUE_OBJECT;
	}

	private static boolean covers(ConfigurationPropertiesBean bean, Set<String> keys) {
		ConfigurationPropertyName prefix = ConfigurationPropertyName.of(bean.getAnnotation().prefix());
		for (String key : keys) {
			ConfigurationPropertyName name = ConfigurationPropertyName.adapt(key, '.');
			if (prefix.isEmpty() || prefix.equals(name) || prefix.isAncestorOf(name)) {
				return true;
			}
		}
		return false;
	}

	private static String describe(ConfigurationPropertiesBean bean) {
		return "@ConfigurationProperties(\"" + bean.getAnnotation().prefix() + "\") bean '" + bean.getName() + "'";
	}

	private static String rootMessage(Throwable error) {
		StringBuilder message = new StringBuilder();
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
				if (!message.isEmpty()) {
					message.append(": ");
				}
				message.append(cause.getMessage());
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return message.toString();
	}

}
