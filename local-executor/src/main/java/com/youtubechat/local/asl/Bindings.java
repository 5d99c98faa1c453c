package com.youtubechat.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a JSONata expression in a state can see: the reserved {@code $states} variable (input,
 * context, and where the field allows them result and errorOutput) and the workflow variables in
 * scope. Values are converted for the JSONata library once per state evaluation, not per expression.
 */
public final class Bindings {

  private final Map<String, Object> states;
  private final Map<String, Object> variables;

  private Bindings(Map<String, Object> states, Map<String, Object> variables) {
    this.states = states;
    this.variables = variables;
  }

  /** {@code $states.input}, {@code $states.context} and the variables (name without {@code $}). */
  public static Bindings of(JsonNode input, JsonNode context, Map<String, JsonNode> variables) {
    Map<String, Object> states = new LinkedHashMap<>();
    states.put("input", JsonataValues.toJava(input));
    states.put("context", JsonataValues.toJava(context));
    Map<String, Object> converted = new LinkedHashMap<>();
    variables.forEach((name, value) -> converted.put(name, JsonataValues.toJava(value)));
    return new Bindings(Collections.unmodifiableMap(states), Collections.unmodifiableMap(converted));
  }

  /** The same bindings plus {@code $states.result} (a Task's or Parallel's Output and Assign). */
  public Bindings withResult(JsonNode result) {
    return with("result", result);
  }

  /** The same bindings plus {@code $states.errorOutput} (a Catcher's Output and Assign). */
  public Bindings withErrorOutput(JsonNode errorOutput) {
    return with("errorOutput", errorOutput);
  }

  private Bindings with(String field, JsonNode value) {
    Map<String, Object> extended = new LinkedHashMap<>(states);
    extended.put(field, JsonataValues.toJava(value));
    return new Bindings(Collections.unmodifiableMap(extended), variables);
  }

  Map<String, Object> states() {
    return states;
  }

  Map<String, Object> variables() {
    return variables;
  }
}
