package io.coordination.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

import io.coordination.Coordination;

/**
 * Wraps the {@link Coordination} bean in an {@link InstrumentedCoordination}.
 */
final class InstrumentingPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<MeterRegistry> registry;

	private final ObjectProvider<LockGauge> locks;

	InstrumentingPostProcessor(ObjectProvider<MeterRegistry> registry, ObjectProvider<LockGauge> locks) {
		this.registry = registry;
		this.locks = locks;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof Coordination coordination && !(bean instanceof InstrumentedCoordination)) {
			return new InstrumentedCoordination(coordination, this.registry, this.locks.getObject());
		}
		return bean;
	}

}
