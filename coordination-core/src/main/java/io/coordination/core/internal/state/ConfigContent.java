package io.coordination.core.internal.state;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import io.coordination.config.ConfigFormat;

/**
 * Parses configuration documents into a JSON tree and validates them against JSON Schemas. Deterministic (it runs on
 * every replica): remote schema references are refused, messages are in English.
 */
final class ConfigContent {

	/** Stored records must be the same bytes on every replica: map entries are written in key order. */
	private static final ObjectMapper JSON = JsonMapper.builder()
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.build();

	private static final ObjectMapper YAML = YAMLMapper.builder().build();

	private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,17})");

	private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)\\.[0-9]+");

	private static final Set<String> META_SCHEMAS = Set.of("https://json-schema.org/draft/2020-12/schema",
			"https://json-schema.org/draft/2019-09/schema", "http://json-schema.org/draft-07/schema#",
			"http://json-schema.org/draft-07/schema", "http://json-schema.org/draft-06/schema#",
			"http://json-schema.org/draft-04/schema#");

	private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
			(builder) -> builder.schemaRegistryConfig(com.networknt.schema.SchemaRegistryConfig.builder()
				.locale(Locale.ENGLISH)
				.regularExpressionFactory(LinearTimeRegex.INSTANCE)
				.build()));

	private ConfigContent() {
	}

	/**
	 * Parses a document into the tree its schema sees.
	 * @param format its format
	 * @param content its text
	 * @param violations receives parse errors
	 * @return the tree, or {@code null} if it does not parse
	 */
	static JsonNode parse(ConfigFormat format, String content, List<String> violations) {
		JsonNode tree = switch (format) {
			case YAML -> parseYaml(content, violations);
			case PROPERTIES -> parseProperties(content, violations);
		};
		String deep = (tree != null) ? SchemaBounds.tooDeep(tree) : null;
		if (deep != null) {
			violations.add(deep + ": the document nests deeper than " + SchemaBounds.MAX_DOCUMENT_DEPTH + " levels");
			return null;
		}
		return tree;
	}

	private static JsonNode parseYaml(String content, List<String> violations) {
		try {
			JsonNode tree = YAML.readTree(content);
			if (tree == null || tree.isMissingNode() || tree.isNull()) {
				return JsonNodeFactory.instance.objectNode();
			}
			if (!tree.isObject()) {
				violations.add("YAML document must be a mapping at the top level, found " + tree.getNodeType());
				return null;
			}
			return tree;
		}
		catch (JacksonException ex) {
			violations.add("YAML does not parse: " + ex.getOriginalMessage());
			return null;
		}
	}

	private static JsonNode parseProperties(String content, List<String> violations) {
		Properties properties = new Properties();
		try {
			properties.load(new StringReader(content));
		}
		catch (IOException | IllegalArgumentException ex) {
			violations.add("Properties do not parse: " + ex.getMessage());
			return null;
		}
		ObjectNode root = JsonNodeFactory.instance.objectNode();
		for (String key : new TreeSet<>(properties.stringPropertyNames())) {
			String[] path = key.split("\\.", -1);
			ObjectNode parent = root;
			boolean placed = true;
			for (int i = 0; i < path.length - 1 && placed; i++) {
				JsonNode child = parent.get(path[i]);
				if (child == null) {
					parent = parent.putObject(path[i]);
				}
				else if (child.isObject()) {
					parent = (ObjectNode) child;
				}
				else {
					violations.add("'" + key + "' nests under '" + String.join(".", List.of(path).subList(0, i + 1))
							+ "', which has a value of its own");
					placed = false;
				}
			}
			String leaf = path[path.length - 1];
			if (!placed) {
				continue;
			}
			if (parent.get(leaf) != null) {
				violations.add("'" + key + "' has a value and nested keys");
				continue;
			}
			parent.set(leaf, scalar(properties.getProperty(key)));
		}
		return root;
	}

	private static JsonNode scalar(String value) {
		String trimmed = value.trim();
		if (trimmed.equals("true") || trimmed.equals("false")) {
			return JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(trimmed));
		}
		if (INTEGER.matcher(trimmed).matches()) {
			return JsonNodeFactory.instance.numberNode(Long.parseLong(trimmed));
		}
		if (DECIMAL.matcher(trimmed).matches()) {
			return JsonNodeFactory.instance.numberNode(new java.math.BigDecimal(trimmed));
		}
		return JsonNodeFactory.instance.stringNode(value);
	}

	/**
	 * Checks a schema: valid JSON, a known dialect, no remote references, and valid against its meta-schema.
	 * @param schemaText the schema
	 * @return the violations, empty if it is usable
	 */
	static List<String> checkSchema(String schemaText) {
		List<String> problems = new ArrayList<>();
		JsonNode schema;
		try {
			schema = JSON.readTree(schemaText);
		}
		catch (JacksonException ex) {
			return List.of("Schema is not valid JSON: " + ex.getOriginalMessage());
		}
		if (schema == null || !schema.isObject()) {
			return List.of("Schema must be a JSON object");
		}
		String dialect = schema.has("$schema") ? schema.get("$schema").asString() : null;
		if (dialect != null && !META_SCHEMAS.contains(dialect)) {
			problems.add("Schema dialect '" + dialect + "' is not supported; use one of " + new TreeSet<>(META_SCHEMAS));
		}
		collectRemoteReferences(schema, "$", problems);
		if (!problems.isEmpty()) {
			return problems;
		}
		problems.addAll(SchemaBounds.check(schema));
		if (!problems.isEmpty()) {
			return problems;
		}
		String metaSchema = (dialect != null) ? dialect : "https://json-schema.org/draft/2020-12/schema";
		try {
			Schema meta = REGISTRY.getSchema(SchemaLocation.of(metaSchema));
			for (Error error : meta.validate(schema)) {
				problems.add("Schema " + describe(error));
			}
			if (problems.isEmpty()) {
				REGISTRY.getSchema(schemaText, InputFormat.JSON);
			}
		}
		catch (RuntimeException ex) {
			problems.add("Schema cannot be used: " + ex.getMessage());
		}
		return problems;
	}

	private static void collectRemoteReferences(JsonNode node, String path, List<String> problems) {
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				String name = field.getKey();
				JsonNode value = field.getValue();
				if ((name.equals("$ref") || name.equals("$dynamicRef") || name.equals("$recursiveRef"))
						&& value.isString() && !value.asString().startsWith("#")) {
					problems.add("Schema reference '" + value.asString() + "' at " + path
							+ " is not local: only references within the schema ('#...') are allowed");
				}
				collectRemoteReferences(value, path + "." + name, problems);
			}
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				collectRemoteReferences(node.get(i), path + "[" + i + "]", problems);
			}
		}
	}

	/**
	 * Validates a document against a schema that passed {@link #checkSchema}.
	 * @param schemaText the schema
	 * @param document the parsed document
	 * @return every violation
	 */
	static List<String> validate(String schemaText, JsonNode document) {
		Schema schema = REGISTRY.getSchema(schemaText, InputFormat.JSON);
		List<String> violations = new ArrayList<>();
		for (Error error : schema.validate(document)) {
			violations.add(describe(error));
		}
		return violations;
	}

	/**
	 * A violation as {@code dotted.path: message}, the way a properties author names the setting.
	 */
	private static String describe(Error error) {
		String location = String.valueOf(error.getInstanceLocation());
		String message = error.getMessage();
		if (message.startsWith(location)) {
			message = message.substring(location.length()).replaceFirst("^:\\s*", "");
		}
		String path = location.startsWith("/") ? location.substring(1).replace('/', '.') : location;
		return (path.isEmpty() || path.equals("$") ? "(document)" : path) + ": " + message;
	}

	/**
	 * Writes a value of a stored record as JSON text.
	 * @param value the value
	 * @return the bytes
	 */
	static byte[] toJson(Object value) {
		return JSON.writeValueAsBytes(value);
	}

	/**
	 * Reads a stored record.
	 * @param <T> its type
	 * @param bytes the JSON bytes
	 * @param type its type
	 * @return the record
	 */
	static <T> T fromJson(byte[] bytes, Class<T> type) {
		return JSON.readValue(bytes, type);
	}


}
