package com.youtubechat.local.asl;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between Jackson trees and the plain Java values the JSONata library works on (maps,
 * lists, strings, numbers, booleans, {@link Jsonata#NULL_VALUE} for JSON null; Java null is
 * JSONata's "undefined").
 */
final class JsonataValues {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonataValues() {}

  static Object toJava(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return null;
    }
    return switch (node.getNodeType()) {
      case OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        node.properties().forEach(entry -> map.put(entry.getKey(), toJava(entry.getValue())));
        yield map;
      }
      case ARRAY -> {
        List<Object> list = new ArrayList<>(node.size());
        node.forEach(element -> list.add(toJava(element)));
        yield list;
      }
      case STRING -> node.textValue();
      case BOOLEAN -> node.booleanValue();
      case NUMBER -> number(node);
      case NULL -> Jsonata.NULL_VALUE;
      default -> node.asText();
    };
  }

  private static Object number(JsonNode node) {
    if (node.isIntegralNumber() && node.canConvertToInt()) {
      return node.intValue();
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.longValue();
    }
    // JSONata numbers are IEEE doubles, as in JavaScript.
    return node.doubleValue();
  }

  /** The JSON for a JSONata value; Java null (undefined) only where the caller allows it, inside containers as JSON null. */
  static JsonNode toJson(Object value) {
    if (value == null || value == Jsonata.NULL_VALUE) {
      return NODES.nullNode();
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = NODES.objectNode();
      map.forEach((key, element) -> object.set(String.valueOf(key), toJson(element)));
      return object;
    }
    if (value instanceof List<?> list) {
      ArrayNode array = NODES.arrayNode();
      list.forEach(element -> array.add(toJson(element)));
      return array;
    }
    if (value instanceof String text) {
      return NODES.textNode(text);
    }
    if (value instanceof Boolean bool) {
      return NODES.booleanNode(bool);
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      return integral(((Number) value).longValue());
    }
    if (value instanceof BigInteger big) {
      return NODES.numberNode(big);
    }
    if (value instanceof BigDecimal decimal) {
      return NODES.numberNode(decimal);
    }
    if (value instanceof Number number) {
      double d = number.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("the number " + d + " has no JSON form");
      }
      // As JavaScript's JSON.stringify: 3.0 is written 3.
      if (d == Math.rint(d) && Math.abs(d) < 0x1p53) {
        return integral((long) d);
      }
      return NODES.numberNode(d);
    }
    if (value instanceof Character character) {
      return NODES.textNode(character.toString());
    }
    throw new IllegalArgumentException("a " + value.getClass().getSimpleName()
        + " (a JSONata function?) has no JSON form");
  }

  /** An int node when the value fits, as Jackson reads it from JSON text, so trees compare equal. */
  private static JsonNode integral(long value) {
    return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
  }
}
