package io.coordination.autoconfigure;

import java.util.function.Function;

import javax.net.ssl.SSLContext;

import org.springframework.boot.autoconfigure.ssl.JksSslBundleProperties;
import org.springframework.boot.autoconfigure.ssl.PemSslBundleProperties;
import org.springframework.boot.autoconfigure.ssl.PropertiesSslBundle;
import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;

/**
 * The TLS context of an {@code https} sidecar URL, from the Spring Boot SSL bundle named by
 * {@code coordination.sidecar.ssl-bundle}.
 */
public final class SidecarTls {

	private SidecarTls() {
	}

	/**
	 * Bundles of the application context.
	 * @param bundles the registered bundles
	 * @return TLS contexts by bundle name
	 */
	public static Function<String, SSLContext> from(SslBundles bundles) {
		return (name) -> {
			try {
				return bundles.getBundle(name).createSslContext();
			}
			catch (NoSuchSslBundleException ex) {
				throw unknown(name, ex);
			}
		};
	}

	/**
	 * Bundles as bound from {@code spring.ssl.bundle.*}, before the application context exists (configuration
	 * import).
	 * @param bundles the bound properties
	 * @return TLS contexts by bundle name
	 */
	public static Function<String, SSLContext> from(SslProperties.Bundles bundles) {
		return (name) -> {
			JksSslBundleProperties jks = bundles.getJks().get(name);
			if (jks != null) {
				return PropertiesSslBundle.get(jks).createSslContext();
			}
			PemSslBundleProperties pem = bundles.getPem().get(name);
			if (pem != null) {
				return PropertiesSslBundle.get(pem).createSslContext();
			}
			throw unknown(name, null);
		};
	}

	private static IllegalArgumentException unknown(String name, Exception cause) {
		return new IllegalArgumentException("coordination.sidecar.ssl-bundle names SSL bundle '" + name
				+ "', but no spring.ssl.bundle.jks." + name + " or spring.ssl.bundle.pem." + name + " is configured",
				cause);
	}

}
