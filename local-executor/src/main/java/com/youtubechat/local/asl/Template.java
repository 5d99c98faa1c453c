package com.youtubechat.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The value of an {@code Arguments}, {@code Output} or {@code Assign} entry: any JSON in which every
 * string of the form {@code "{% expr %}"}, however deeply nested in objects and arrays, is a JSONata
 * expression replaced by its value.
 */
public sealed interface Template {

  JsonNode evaluate(Bindings bindings);

  /** Visits every expression in the template. */
  void forEachExpression(Consumer<Expression> visitor);

  static Template parse(JsonNode value, String field) {
    if (value.isTextual() && Expression.isExpression(value.textValue())) {
      return new Evaluated(Expression.parse(value.textValue(), field));
    }
    if (value.isObject()) {
      Map<String, Template> fields = new LinkedHashMap<>();
      value.properties().forEach(entry ->
          fields.put(entry.getKey(), parse(entry.getValue(), field + "." + entry.getKey())));
      return new ObjectTemplate(fields);
    }
    if (value.isArray()) {
      List<Template> elements = new ArrayList<>();
      for (int i = 0; i < value.size(); i++) {
        elements.add(parse(value.get(i), field + "[" + i + "]"));
      }
      return new ArrayTemplate(elements);
    }
    return new Literal(value.deepCopy());
  }

  record Literal(JsonNode value) implements Template {
    @Override
    public JsonNode evaluate(Bindings bindings) {
      return value.deepCopy();
    }

    @Override
    public void forEachExpression(Consumer<Expression> visitor) {}
  }

  record Evaluated(Expression expression) implements Template {
    @Override
    public JsonNode evaluate(Bindings bindings) {
      return expression.evaluate(bindings);
    }

    @Override
    public void forEachExpression(Consumer<Expression> visitor) {
      visitor.accept(expression);
    }
  }

  record ObjectTemplate(Map<String, Template> fields) implements Template {
    @Override
    public JsonNode evaluate(Bindings bindings) {
      ObjectNode object = JsonNodeFactory.instance.objectNode();
      fields.forEach((name, template) -> object.set(name, template.evaluate(bindings)));
      return object;
    }

    @Override
    public void forEachExpression(Consumer<Expression> visitor) {
      fields.values().forEach(template -> template.forEachExpression(visitor));
    }
  }

  record ArrayTemplate(List<Template> elements) implements Template {
    @Override
    public JsonNode evaluate(Bindings bindings) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      elements.forEach(template -> array.add(template.evaluate(bindings)));
      return array;
    }

    @Override
    public void forEachExpression(Consumer<Expression> visitor) {
      elements.forEach(template -> template.forEachExpression(visitor));
    }
  }
}
