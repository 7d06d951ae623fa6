package io.coordination.autoconfigure.config;

import java.util.List;

import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.boot.bootstrap.BootstrapRegistry.InstanceSupplier;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.context.config.ConfigDataLocation;
import org.springframework.boot.context.config.ConfigDataLocationResolver;
import org.springframework.boot.context.config.ConfigDataLocationResolverContext;
import org.springframework.boot.context.config.Profiles;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;

import io.coordination.autoconfigure.CoordinationProperties;

/**
 * Resolves {@code coordination:} (this application, named by {@code spring.application.name}) or
 * {@code coordination:<application>} into the documents of the application's {@code default} profile and of each
 * active profile, later profiles taking precedence.
 */
public final class CoordinationConfigDataLocationResolver
		implements ConfigDataLocationResolver<CoordinationConfigDataResource> {

	static final String PREFIX = "coordination:";

	@Override
	public boolean isResolvable(ConfigDataLocationResolverContext context, ConfigDataLocation location) {
		return location.hasPrefix(PREFIX);
	}

	@Override
	public List<CoordinationConfigDataResource> resolve(ConfigDataLocationResolverContext context,
			ConfigDataLocation location) {
		register(context);
		return List.of(new CoordinationConfigDataResource(application(context, location), "default",
				location.isOptional()));
	}

	@Override
	public List<CoordinationConfigDataResource> resolveProfileSpecific(ConfigDataLocationResolverContext context,
			ConfigDataLocation location, Profiles profiles) {
		String application = application(context, location);
		return profiles.getAccepted()
			.stream()
			.filter((profile) -> !profile.equals("default"))
			.map((profile) -> new CoordinationConfigDataResource(application, profile, true))
			.toList();
	}

	private static String application(ConfigDataLocationResolverContext context, ConfigDataLocation location) {
		String named = location.getNonPrefixedValue(PREFIX).trim();
		if (!named.isEmpty()) {
			return named;
		}
		return context.getBinder().bind("spring.application.name", String.class).orElse("application");
	}

	/**
	 * Makes the node and import settings, bound from the environment as it is now, available to the loader.
	 */
	private static void register(ConfigDataLocationResolverContext context) {
		ConfigurableBootstrapContext bootstrap = context.getBootstrapContext();
		Binder binder = context.getBinder();
		bootstrap.registerIfAbsent(CoordinationProperties.class,
				InstanceSupplier.from(() -> binder.bindOrCreate("coordination", Bindable.of(CoordinationProperties.class),
						new ValidationBindHandler(new CoordinationProperties()))));
		bootstrap.registerIfAbsent(SslProperties.Bundles.class,
				InstanceSupplier.from(() -> binder.bindOrCreate("spring.ssl.bundle", SslProperties.Bundles.class)));
		bootstrap.registerIfAbsent(ConfigImportProperties.class,
				InstanceSupplier.from(() -> binder.bindOrCreate("coordination.config", ConfigImportProperties.class)));
	}

}
