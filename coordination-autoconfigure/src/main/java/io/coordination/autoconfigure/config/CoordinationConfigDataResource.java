package io.coordination.autoconfigure.config;

import java.util.Objects;

import org.springframework.boot.context.config.ConfigDataResource;

/**
 * One configuration document to import: an application and a profile.
 */
public final class CoordinationConfigDataResource extends ConfigDataResource {

	private final String application;

	private final String profile;

	CoordinationConfigDataResource(String application, String profile, boolean optional) {
		super(optional);
		this.application = application;
		this.profile = profile;
	}

	/**
	 * The application.
	 * @return the application
	 */
	public String application() {
		return this.application;
	}

	/**
	 * The profile.
	 * @return the profile
	 */
	public String profile() {
		return this.profile;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof CoordinationConfigDataResource resource && this.application.equals(resource.application)
				&& this.profile.equals(resource.profile);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.application, this.profile);
	}

	@Override
	public String toString() {
		return "coordination:" + this.application + "/" + this.profile;
	}

}
