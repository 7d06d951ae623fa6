package io.coordination.core.internal.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Bounds on what a JSON Schema and a configuration document may make the state machine do, checked before a schema is
 * accepted: every replica validates every later write of the document with it, on the thread that applies the log,
 * so a schema must not be able to loop, recurse without end or nest without bound. Deterministic.
 */
final class SchemaBounds {

	/** Longest schema, in characters. */
	static final int MAX_SCHEMA_LENGTH = 64 * 1024;

	/** Deepest nesting of a schema's JSON. */
	static final int MAX_SCHEMA_DEPTH = 32;

	/** Deepest nesting of a configuration document. */
	static final int MAX_DOCUMENT_DEPTH = 64;

	/** Keywords whose subschemas apply to the value itself (not to a part of it). */
	private static final Set<String> SAME_VALUE_LISTS = Set.of("allOf", "anyOf", "oneOf");

	private static final Set<String> SAME_VALUE_SCHEMAS = Set.of("not", "if", "then", "else");

	private static final Set<String> SAME_VALUE_MAPS = Set.of("dependentSchemas", "dependencies");

	private static final Set<String> REFERENCES = Set.of("$ref", "$dynamicRef", "$recursiveRef");

	private SchemaBounds() {
	}

	/**
	 * Checks the nesting of a schema and that no chain of references and combinators applies a schema to the same
	 * value again (such as {@code {"$ref": "#"}}), which would validate without end.
	 * @param schema the parsed schema
	 * @return the problems, empty if it is bounded
	 */
	static List<String> check(JsonNode schema) {
		List<String> problems = new ArrayList<>();
		String deep = deeper(schema, "#", MAX_SCHEMA_DEPTH);
		if (deep != null) {
			problems.add("Schema nests deeper than " + MAX_SCHEMA_DEPTH + " levels at " + deep);
			return problems;
		}
		Map<String, JsonNode> schemas = new LinkedHashMap<>();
		Map<JsonNode, String> pointers = new IdentityHashMap<>();
		Map<String, List<String>> anchors = new HashMap<>();
		collect(schema, "#", schemas, pointers, anchors);
		Map<String, List<String>> sameValue = new LinkedHashMap<>();
		schemas.forEach((pointer, node) -> sameValue.put(pointer,
				sameValueEdges(pointer, node, schema, pointers, anchors)));
		String cycle = findCycle(sameValue);
		if (cycle != null) {
			problems.add("Schema applies itself to the same value without end (" + cycle
					+ "): a reference may only recur through a part of the value (a property or an item)");
		}
		return problems;
	}

	/**
	 * The location of the first value deeper than allowed in a document, or {@code null}.
	 * @param document the parsed document
	 * @return a dotted path, or {@code null} if it is shallow enough
	 */
	static String tooDeep(JsonNode document) {
		return deeper(document, "", MAX_DOCUMENT_DEPTH);
	}

	private static String deeper(JsonNode node, String path, int remaining) {
		if (!node.isContainer()) {
			return null;
		}
		if (remaining == 0) {
			return path.isEmpty() ? "(document)" : path;
		}
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				String found = deeper(field.getValue(), path.isEmpty() ? field.getKey() : path + "/" + field.getKey(),
						remaining - 1);
				if (found != null) {
					return found;
				}
			}
		}
		else {
			for (int i = 0; i < node.size(); i++) {
				String found = deeper(node.get(i), path + "/" + i, remaining - 1);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	private static void collect(JsonNode node, String pointer, Map<String, JsonNode> schemas,
			Map<JsonNode, String> pointers, Map<String, List<String>> anchors) {
		if (node.isObject()) {
			schemas.put(pointer, node);
			pointers.put(node, pointer);
			for (String anchor : List.of("$anchor", "$dynamicAnchor")) {
				JsonNode name = node.get(anchor);
				if (name != null && name.isString()) {
					anchors.computeIfAbsent(name.asString(), (key) -> new ArrayList<>()).add(pointer);
				}
			}
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				collect(field.getValue(), pointer + "/" + escape(field.getKey()), schemas, pointers, anchors);
			}
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				collect(node.get(i), pointer + "/" + i, schemas, pointers, anchors);
			}
		}
	}

	private static List<String> sameValueEdges(String pointer, JsonNode node, JsonNode root,
			Map<JsonNode, String> pointers, Map<String, List<String>> anchors) {
		List<String> edges = new ArrayList<>();
		for (Map.Entry<String, JsonNode> field : node.properties()) {
			String keyword = field.getKey();
			JsonNode value = field.getValue();
			String child = pointer + "/" + escape(keyword);
			if (REFERENCES.contains(keyword) && value.isString()) {
				edges.addAll(resolve(keyword, value.asString(), root, pointers, anchors));
			}
			else if (SAME_VALUE_LISTS.contains(keyword) && value.isArray()) {
				for (int i = 0; i < value.size(); i++) {
					edges.add(child + "/" + i);
				}
			}
			else if (SAME_VALUE_SCHEMAS.contains(keyword) && value.isObject()) {
				edges.add(child);
			}
			else if (SAME_VALUE_MAPS.contains(keyword) && value.isObject()) {
				for (Map.Entry<String, JsonNode> dependent : value.properties()) {
					if (dependent.getValue().isObject()) {
						edges.add(child + "/" + escape(dependent.getKey()));
					}
				}
			}
		}
		return edges;
	}

	/**
	 * Where a local reference points; an anchor may name several schemas (dynamic anchors), each counts. A
	 * {@code $recursiveRef} is taken to point at the root, as it does unless a dynamic scope says otherwise.
	 */
	private static List<String> resolve(String keyword, String reference, JsonNode root,
			Map<JsonNode, String> pointers, Map<String, List<String>> anchors) {
		if (keyword.equals("$recursiveRef") || reference.equals("#")) {
			return List.of("#");
		}
		if (reference.startsWith("#/")) {
			String target;
			try {
				target = pointers.get(root.at(reference.substring(1)));
			}
			catch (RuntimeException ex) {
				target = null; // not a JSON pointer: the schema library refuses it
			}
			return (target != null) ? List.of(target) : List.of();
		}
		if (reference.startsWith("#")) {
			return anchors.getOrDefault(reference.substring(1), List.of());
		}
		return List.of(); // remote references are refused elsewhere
	}

	private static String findCycle(Map<String, List<String>> edges) {
		Map<String, Integer> state = new HashMap<>();
		for (String start : edges.keySet()) {
			List<String> path = new ArrayList<>();
			String cycle = visit(start, edges, state, path);
			if (cycle != null) {
				return cycle;
			}
		}
		return null;
	}

	/** Depth-first search; 1 = on the current path, 2 = done. Iterative over the path to keep the stack flat. */
	private static String visit(String start, Map<String, List<String>> edges, Map<String, Integer> state,
			List<String> path) {
		if (state.containsKey(start)) {
			return null;
		}
		List<Integer> next = new ArrayList<>();
		path.add(start);
		next.add(0);
		state.put(start, 1);
		while (!path.isEmpty()) {
			int top = path.size() - 1;
			String node = path.get(top);
			List<String> targets = edges.getOrDefault(node, List.of());
			int i = next.get(top);
			if (i >= targets.size()) {
				state.put(node, 2);
				path.remove(top);
				next.remove(top);
				continue;
			}
			next.set(top, i + 1);
			String target = targets.get(i);
			Integer seen = state.get(target);
			if (seen == null) {
				state.put(target, 1);
				path.add(target);
				next.add(0);
			}
			else if (seen == 1) {
				List<String> cycle = new ArrayList<>(path.subList(path.indexOf(target), path.size()));
				cycle.add(target);
				return String.join(" -> ", cycle);
			}
		}
		return null;
	}

	private static String escape(String name) {
		return name.replace("~", "~0").replace("/", "~1");
	}

}
