package io.coordination.core.internal.protocol;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.coordination.config.ConfigVersion;
import io.coordination.discovery.ServiceInstance;
import io.coordination.group.GroupMember;

/**
 * A list answered by a query, typed so that it decodes back to its element type.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@l")
@JsonSubTypes({ @JsonSubTypes.Type(value = Listing.Versions.class, name = "versions"),
		@JsonSubTypes.Type(value = Listing.Instances.class, name = "instances"),
		@JsonSubTypes.Type(value = Listing.Names.class, name = "names"),
		@JsonSubTypes.Type(value = Listing.Members.class, name = "members") })
public sealed interface Listing {

	/**
	 * The items.
	 * @return the items
	 */
	List<?> items();

	/**
	 * Configuration versions.
	 *
	 * @param items the versions
	 */
	record Versions(List<ConfigVersion> items) implements Listing {
	}

	/**
	 * Service instances.
	 *
	 * @param items the instances
	 */
	record Instances(List<ServiceInstance> items) implements Listing {
	}

	/**
	 * Names.
	 *
	 * @param items the names
	 */
	record Names(List<String> items) implements Listing {
	}

	/**
	 * Group members.
	 *
	 * @param items the members
	 */
	record Members(List<GroupMember> items) implements Listing {
	}

}
