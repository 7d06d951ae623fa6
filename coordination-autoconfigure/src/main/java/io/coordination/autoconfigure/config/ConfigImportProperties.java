package io.coordination.autoconfigure.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration imported with {@code spring.config.import=coordination:} and kept up to date.
 */
@ConfigurationProperties("coordination.config")
public class ConfigImportProperties {

	/**
	 * Whether imported configuration is updated live when it changes on the cluster.
	 */
	private boolean watch = true;

	/**
	 * This instance's id for staged rollouts. Default: the coordination member id.
	 */
	private String instanceId;

	/**
	 * This instance's labels for staged rollouts that target labels.
	 */
	private Map<String, String> labels = new LinkedHashMap<>();

	public boolean isWatch() {
		return this.watch;
	}

	public void setWatch(boolean watch) {
		this.watch = watch;
	}

	public String getInstanceId() {
		return this.instanceId;
	}

	public void setInstanceId(String instanceId) {
		this.instanceId = instanceId;
	}

	public Map<String, String> getLabels() {
		return this.labels;
	}

	public void setLabels(Map<String, String> labels) {
		this.labels = labels;
	}

}
