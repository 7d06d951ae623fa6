package io.coordination.sidecar.web;

import org.apache.catalina.core.StandardHost;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * HTTP server settings of the API.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

	/**
	 * Names may contain {@code /} (a lock named {@code orders/eu}): sent percent-encoded as one path segment
	 * ({@code /v1/locks/orders%2Feu}), which Tomcat rejects by default.
	 * @return the customizer
	 */
	/**
	 * Errors Tomcat answers itself, before the application, as problems rather than HTML pages.
	 * @return the customizer
	 */
	@Bean
	TomcatContextCustomizer problemErrorPages() {
		return (context) -> {
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
			}
		};
	}

	@Bean
	TomcatConnectorCustomizer encodedSlashesInNames() {
		return (connector) -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
	}

}
