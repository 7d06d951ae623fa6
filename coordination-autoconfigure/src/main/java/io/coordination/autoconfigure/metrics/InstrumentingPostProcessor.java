package io.coordination.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.ResolvableType;

import io.coordination.Coordination;

/**
 * Wraps the {@link Coordination} bean in an {@link InstrumentedCoordination}, when it is declared as the interface: a
 * bean declared as a concrete class is left alone, so that injecting it by that class keeps working.
 */
final class InstrumentingPostProcessor implements BeanPostProcessor, BeanFactoryAware {

	private final ObjectProvider<MeterRegistry> registry;

	private final ObjectProvider<LockGauge> locks;

	private ConfigurableListableBeanFactory beanFactory;

	InstrumentingPostProcessor(ObjectProvider<MeterRegistry> registry, ObjectProvider<LockGauge> locks) {
		this.registry = registry;
		this.locks = locks;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		if (beanFactory instanceof ConfigurableListableBeanFactory listable) {
			this.beanFactory = listable;
		}
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof Coordination coordination && !(bean instanceof InstrumentedCoordination)
				&& declaredAsInterface(beanName)) {
			return new InstrumentedCoordination(coordination, this.registry, this.locks.getObject());
		}
		return bean;
	}

	private boolean declaredAsInterface(String beanName) {
		if (this.beanFactory == null || !this.beanFactory.containsBeanDefinition(beanName)) {
			return false;
		}
		ResolvableType declared = this.beanFactory.getMergedBeanDefinition(beanName).getResolvableType();
		Class<?> type = declared.resolve();
		return type == null || type == Coordination.class;
	}

}
