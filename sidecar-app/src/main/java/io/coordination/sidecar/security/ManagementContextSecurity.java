package io.coordination.sidecar.security;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

import io.coordination.sidecar.web.PathFilter;

/**
 * The same path and token rules on the management port ({@code management.server.port}) as on the API's: Spring Boot
 * serves the actuator there from a child context whose server does not run the main context's filters, so without
 * this {@code /actuator/coordination} (with its forced-release {@code DELETE}) answered anyone.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
class ManagementContextSecurity {

	@Bean
	FilterRegistrationBean<PathFilter> managementPathFilter(PathFilter filter) {
		FilterRegistrationBean<PathFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(filter.getOrder());
		return registration;
	}

	@Bean
	FilterRegistrationBean<TokenFilter> managementTokenFilter(TokenFilter filter) {
		FilterRegistrationBean<TokenFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(filter.getOrder());
		return registration;
	}

}
