package com.youtubechat.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An EventBridge event pattern, matched as EventBridge matches it, for the subset the executor
 * implements: nested objects, arrays of allowed values (exact match of strings, numbers by value,
 * booleans and null) and {@code {"prefix": "..."}}. An event field holding an array matches when
 * any of its elements matches. Every other operator ({@code anything-but}, {@code numeric},
 * {@code exists}, {@code suffix}, {@code wildcard}, {@code $or}...) is refused when the pattern is
 * parsed, so a pattern is never half applied.
 */
public final class EventPattern {

  private final String source;
  private final Map<String, Object> root;

  private EventPattern(String source, Map<String, Object> root) {
    this.source = source;
    this.root = root;
  }

  /** Parses a pattern; {@code source} names it in messages (e.g. the rule's logical id). */
  public static EventPattern parse(JsonNode pattern, String source) {
    if (pattern == null || !pattern.isObject() || pattern.isEmpty()) {
      throw new DefinitionException(source + ": the event pattern must be a non-empty JSON object");
    }
    return new EventPattern(source, parseObject(pattern, source, ""));
  }

  private static Map<String, Object> parseObject(JsonNode node, String source, String path) {
    Map<String, Object> fields = new LinkedHashMap<>();
    node.properties().forEach(entry -> {
      String key = entry.getKey();
      String fieldPath = path.isEmpty() ? key : path + "." + key;
      JsonNode value = entry.getValue();
      if (key.startsWith("$")) {
        throw new UnsupportedFeatureException(source + ": the event pattern operator " + key + " at "
            + (path.isEmpty() ? "the top level" : path) + " is not implemented by the local executor");
      }
      if (value.isObject()) {
        if (value.isEmpty()) {
          throw new DefinitionException(source + ": the event pattern field " + fieldPath + " is an empty object");
        }
        fields.put(key, parseObject(value, source, fieldPath));
      } else if (value.isArray()) {
        fields.put(key, parseLeaf(value, source, fieldPath));
      } else {
        throw new DefinitionException(source + ": the event pattern field " + fieldPath
            + " must be an array of values or an object, not " + value);
      }
    });
    return fields;
  }

  private static List<Matcher> parseLeaf(JsonNode values, String source, String path) {
    if (values.isEmpty()) {
      throw new DefinitionException(source + ": the event pattern field " + path + " is an empty array");
    }
    List<Matcher> matchers = new ArrayList<>();
    for (JsonNode value : values) {
      if (value.isValueNode()) {
        matchers.add(new Exact(value));
      } else if (value.isObject() && value.size() == 1 && value.has("prefix") && value.get("prefix").isTextual()) {
        matchers.add(new Prefix(value.get("prefix").textValue()));
      } else if (value.isObject()) {
        String operator = value.fieldNames().hasNext() ? value.fieldNames().next() : "{}";
        throw new UnsupportedFeatureException(source + ": the event pattern operator " + operator + " in "
            + path + " (" + value + ") is not implemented by the local executor (only exact values and prefix)");
      } else {
        throw new DefinitionException(source + ": the event pattern field " + path + " holds " + value
            + ", which is neither a value nor an operator");
      }
    }
    return List.copyOf(matchers);
  }

  public String source() {
    return source;
  }

  public boolean matches(JsonNode event) {
    return mismatch(event).isEmpty();
  }

  /** Why the event does not match (the first field that fails), or empty when it matches. */
  public Optional<String> mismatch(JsonNode event) {
    if (event == null || !event.isObject()) {
      return Optional.of("the event is not a JSON object");
    }
    return mismatch(root, event, "");
  }

  @SuppressWarnings("unchecked")
  private static Optional<String> mismatch(Map<String, Object> pattern, JsonNode event, String path) {
    for (Map.Entry<String, Object> field : pattern.entrySet()) {
      String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
      JsonNode value = event.get(field.getKey());
      if (value == null) {
        return Optional.of(fieldPath + " is missing");
      }
      if (field.getValue() instanceof Map<?, ?> nested) {
        boolean matched = false;
        for (JsonNode candidate : value.isArray() ? value : List.of(value)) {
          if (candidate.isObject() && mismatch((Map<String, Object>) nested, candidate, fieldPath).isEmpty()) {
            matched = true;
            break;
          }
        }
        if (!matched) {
          Optional<String> inner = value.isObject()
              ? mismatch((Map<String, Object>) nested, value, fieldPath) : Optional.empty();
          return Optional.of(inner.orElse(fieldPath + " is " + value + ", not an object matching the pattern"));
        }
      } else {
        List<Matcher> matchers = (List<Matcher>) field.getValue();
        boolean matched = false;
        for (JsonNode candidate : value.isArray() ? value : List.of(value)) {
          if (candidate.isValueNode() && matchers.stream().anyMatch(m -> m.matches(candidate))) {
            matched = true;
            break;
          }
        }
        if (!matched) {
          return Optional.of(fieldPath + " is " + value + ", which matches none of " + matchers);
        }
      }
    }
    return Optional.empty();
  }

  private sealed interface Matcher permits Exact, Prefix {
    boolean matches(JsonNode value);
  }

  private record Exact(JsonNode expected) implements Matcher {
    @Override
    public boolean matches(JsonNode value) {
      if (expected.isNumber() && value.isNumber()) {
        return expected.decimalValue().compareTo(value.decimalValue()) == 0;
      }
      return expected.equals(value);
    }

    @Override
    public String toString() {
      return expected.toString();
    }
  }

  private record Prefix(String prefix) implements Matcher {
    @Override
    public boolean matches(JsonNode value) {
      return value.isTextual() && value.textValue().startsWith(prefix);
    }

    @Override
    public String toString() {
      return "{\"prefix\":\"" + prefix + "\"}";
    }
  }

  @Override
  public String toString() {
    return "EventPattern(" + source + ")";
  }
}
