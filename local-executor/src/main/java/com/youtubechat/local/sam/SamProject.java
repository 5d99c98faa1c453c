package com.youtubechat.local.sam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.youtubechat.local.DefinitionException;
import com.youtubechat.local.EventPattern;
import com.youtubechat.local.LambdaFunction;
import com.youtubechat.local.UnsupportedFeatureException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SAM project as the local executor sees it: {@code template.yaml} in the project root, its
 * {@code AWS::Serverless::Function}s (with the template's Globals applied), its state machines with
 * their definitions (DefinitionSubstitutions applied) and the EventBridge rules that start them.
 *
 * <p>The values it reads are resolved as CloudFormation resolves them when deploying: literals,
 * {@code !Ref} to a parameter (the value passed as a parameter override, else the parameter's
 * Default), {@code !Ref AWS::NoValue} (the property is left out) and {@code !If} on a condition of
 * the template's {@code Conditions}, themselves built from {@code !Equals}, {@code !Not},
 * {@code !And}, {@code !Or} and {@code !Condition}. Anything else is refused with an
 * {@link UnsupportedFeatureException}: guessing a value would run the functions with settings the
 * deployed stack does not have.
 */
public final class SamProject {

  public static final String TEMPLATE = "template.yaml";
  private static final String SERVERLESS_FUNCTION = "AWS::Serverless::Function";
  private static final String SERVERLESS_STATE_MACHINE = "AWS::Serverless::StateMachine";
  private static final String NO_VALUE = "AWS::NoValue";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path root;
  private final JsonNode template;
  private final Map<String, String> parameterOverrides;
  private final Map<String, LambdaFunction> functions;

  private SamProject(Path root, JsonNode template, Map<String, String> parameterOverrides) {
    this.root = root;
    this.template = template;
    this.parameterOverrides = Map.copyOf(parameterOverrides);
    checkOverrides();
    this.functions = readFunctions();
  }

  /** Reads {@code template.yaml} in {@code projectRoot}, every parameter at its Default. */
  public static SamProject read(Path projectRoot) {
    return read(projectRoot, Map.of());
  }

  /**
   * Reads {@code template.yaml} in {@code projectRoot} with parameter values, as {@code sam deploy
   * --parameter-overrides Name=Value} passes them: a value replaces the parameter's Default.
   *
   * @throws DefinitionException when an override names no parameter of the template, or a value
   *     that its Type Number or AllowedValues refuses (CloudFormation would refuse the deploy)
   */
  public static SamProject read(Path projectRoot, Map<String, String> parameterOverrides) {
    Path file = projectRoot.resolve(TEMPLATE);
    JsonNode template;
    try {
      template = CloudFormationYaml.read(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return new SamProject(projectRoot, template, parameterOverrides);
  }

  /** A project from an already parsed template; DefinitionUri paths are resolved against {@code projectRoot}. */
  public static SamProject of(Path projectRoot, JsonNode template) {
    return of(projectRoot, template, Map.of());
  }

  /** As {@link #of(Path, JsonNode)}, with parameter overrides as in {@link #read(Path, Map)}. */
  public static SamProject of(Path projectRoot, JsonNode template, Map<String, String> parameterOverrides) {
    return new SamProject(projectRoot, template, parameterOverrides);
  }

  public Path root() {
    return root;
  }

  /** The template in CloudFormation's JSON form (short tags as intrinsic objects). */
  public JsonNode template() {
    return template;
  }

  /** Every {@code AWS::Serverless::Function}, by logical id. */
  public Map<String, LambdaFunction> functions() {
    return functions;
  }

  /** The project's only {@code AWS::Serverless::StateMachine}. */
  public StateMachineResource stateMachine() {
    List<String> ids = resourcesOfType(SERVERLESS_STATE_MACHINE).keySet().stream().toList();
    if (ids.size() != 1) {
      throw new DefinitionException(TEMPLATE + ": expected one " + SERVERLESS_STATE_MACHINE + ", found "
          + ids + "; name the one to run");
    }
    return stateMachine(ids.get(0));
  }

  /** The state machine with this logical id. */
  public StateMachineResource stateMachine(String logicalId) {
    JsonNode resource = template.path("Resources").path(logicalId);
    String where = TEMPLATE + ": " + logicalId;
    if (!SERVERLESS_STATE_MACHINE.equals(resource.path("Type").asText())) {
      throw new DefinitionException(where + " is not an " + SERVERLESS_STATE_MACHINE
          + (resource.isMissingNode() ? " (no such resource)" : " but " + resource.path("Type").asText()));
    }
    JsonNode properties = resource.path("Properties");
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, LambdaFunction> substitutedFunctions = new LinkedHashMap<>();
    properties.path("DefinitionSubstitutions").properties().forEach(entry -> {
      String name = entry.getKey();
      JsonNode value = entry.getValue();
      String functionId = referencedFunction(value);
      if (functionId != null) {
        LambdaFunction function = functions.get(functionId);
        substitutedFunctions.put(name, function);
        values.put(name, functionValue(function, value, where + ".DefinitionSubstitutions." + name));
      } else {
        values.put(name, scalar(value, where + ".DefinitionSubstitutions." + name));
      }
    });
    JsonNode definition = substitute(readDefinition(properties, where), values, where);
    return new StateMachineResource(logicalId, definition, Collections.unmodifiableMap(values),
        Collections.unmodifiableMap(substitutedFunctions), eventPatterns(logicalId, properties));
  }

  // --- functions ----------------------------------------------------------------------------------

  private Map<String, LambdaFunction> readFunctions() {
    JsonNode globals = template.path("Globals").path("Function");
    Map<String, LambdaFunction> result = new LinkedHashMap<>();
    resourcesOfType(SERVERLESS_FUNCTION).forEach((id, resource) -> {
      JsonNode properties = resource.path("Properties");
      String where = TEMPLATE + ": " + id;
      String handler = scalar(property(properties, globals, "Handler"), where + ".Handler");
      JsonNode timeoutNode = resolve(property(properties, globals, "Timeout"), where + ".Timeout");
      Duration timeout = timeoutNode.isMissingNode() ? LambdaFunction.DEFAULT_TIMEOUT
          : Duration.ofSeconds(number(timeoutNode, where + ".Timeout"));
      JsonNode memoryNode = resolve(property(properties, globals, "MemorySize"), where + ".MemorySize");
      int memory = memoryNode.isMissingNode() ? LambdaFunction.DEFAULT_MEMORY_SIZE_MB
          : number(memoryNode, where + ".MemorySize");
      Set<String> variables = new LinkedHashSet<>();
      globals.path("Environment").path("Variables").fieldNames().forEachRemaining(variables::add);
      properties.path("Environment").path("Variables").fieldNames().forEachRemaining(variables::add);
      JsonNode aliasNode = resolve(property(properties, globals, "AutoPublishAlias"), where + ".AutoPublishAlias");
      String alias = aliasNode.isMissingNode() ? null : scalar(aliasNode, where + ".AutoPublishAlias");
      JsonNode reservedNode = resolve(property(properties, globals, "ReservedConcurrentExecutions"),
          where + ".ReservedConcurrentExecutions");
      Integer reserved = reservedNode.isMissingNode() ? null
          : number(reservedNode, where + ".ReservedConcurrentExecutions");
      result.put(id, new LambdaFunction(id, handler, timeout, memory, List.copyOf(variables), alias, reserved));
    });
    return Collections.unmodifiableMap(result);
  }

  /**
   * A function property, or the Globals' when the function does not set it. As in SAM, the
   * function's value replaces the Globals' before CloudFormation resolves it: a function property
   * that resolves to {@code AWS::NoValue} leaves the property out, it does not fall back to Globals.
   */
  private static JsonNode property(JsonNode properties, JsonNode globals, String name) {
    return properties.has(name) ? properties.get(name) : globals.path(name);
  }

  /** A value that must be present and scalar (see {@link #resolve}). */
  private String scalar(JsonNode value, String where) {
    JsonNode resolved = resolve(value, where);
    if (resolved.isMissingNode() || resolved.isNull()) {
      throw new DefinitionException(where + " is missing");
    }
    return resolved.asText();
  }

  /** A value that must be a non-negative integer (see {@link #resolve}). */
  private int number(JsonNode value, String where) {
    String text = scalar(value, where);
    if (!text.matches("\\d{1,9}")) {
      throw new DefinitionException(where + ": " + text + " is not a non-negative integer");
    }
    return Integer.parseInt(text);
  }

  // --- parameters, conditions and intrinsic functions -------------------------------------------

  /** Refuses overrides CloudFormation would refuse, so a typo is not silently ignored. */
  private void checkOverrides() {
    JsonNode parameters = template.path("Parameters");
    parameterOverrides.forEach((name, value) -> {
      String where = TEMPLATE + ": parameter override " + name + "=" + value;
      JsonNode parameter = parameters.path(name);
      if (!parameter.isObject()) {
        List<String> declared = new ArrayList<>();
        parameters.fieldNames().forEachRemaining(declared::add);
        throw new DefinitionException(where + ": the template declares no such parameter (it declares "
            + declared + ")");
      }
      if (parameter.path("Type").asText().equals("Number") && !value.strip().matches("[-+]?\\d+(\\.\\d+)?")) {
        throw new DefinitionException(where + ": the parameter's Type is Number");
      }
      JsonNode allowed = parameter.path("AllowedValues");
      if (allowed.isArray() && !allowed.isEmpty()) {
        boolean listed = false;
        for (JsonNode option : allowed) {
          listed |= option.isValueNode() && option.asText().equals(value);
        }
        if (!listed) {
          throw new DefinitionException(where + ": not one of the parameter's AllowedValues " + allowed);
        }
      }
    });
  }

  /**
   * A value as CloudFormation resolves it: a literal is itself; {@code Ref} to a parameter is its
   * override, else its Default; {@code Ref AWS::NoValue} is the missing node (the property is left
   * out); {@code Fn::If [condition, a, b]} is {@code a} or {@code b} resolved; a missing value stays
   * missing. Anything else (other intrinsics, references to resources or pseudo parameters) is refused.
   */
  private JsonNode resolve(JsonNode value, String where) {
    if (value == null || value.isMissingNode()) {
      return MissingNode.getInstance();
    }
    if (value.isValueNode()) {
      return value;
    }
    if (value.isObject() && value.size() == 1 && value.path("Ref").isTextual()) {
      String name = value.get("Ref").textValue();
      if (name.equals(NO_VALUE)) {
        return MissingNode.getInstance();
      }
      JsonNode parameter = template.path("Parameters").path(name);
      if (parameter.isObject()) {
        if (parameterOverrides.containsKey(name)) {
          return TextNode.valueOf(parameterOverrides.get(name));
        }
        if (parameter.has("Default") && parameter.get("Default").isValueNode()) {
          return parameter.get("Default");
        }
        throw new UnsupportedFeatureException(where + ": !Ref " + name + ": the parameter has no Default;"
            + " pass its value as a parameter override");
      }
    }
    if (value.isObject() && value.size() == 1 && value.has("Fn::If")) {
      JsonNode arguments = value.get("Fn::If");
      if (!arguments.isArray() || arguments.size() != 3 || !arguments.get(0).isTextual()) {
        throw new DefinitionException(where + ": Fn::If takes [condition name, value if true, value if false], not "
            + arguments);
      }
      boolean holds = condition(arguments.get(0).textValue(), where, new LinkedHashSet<>());
      return resolve(arguments.get(holds ? 1 : 2), where + ".Fn::If[" + (holds ? 1 : 2) + "]");
    }
    throw new UnsupportedFeatureException(where + ": the value " + value + " is not implemented by the local"
        + " executor (a literal, a !Ref to a parameter, !Ref AWS::NoValue, or an !If on a condition)");
  }

  /** Whether the template's condition {@code name} holds; {@code evaluating} are the conditions that refer to it. */
  private boolean condition(String name, String where, Set<String> evaluating) {
    JsonNode definition = template.path("Conditions").path(name);
    if (definition.isMissingNode()) {
      throw new DefinitionException(where + ": the condition " + name + " is not defined in Conditions");
    }
    if (!evaluating.add(name)) {
      throw new DefinitionException(where + ": the conditions " + evaluating + " refer to each other in a circle");
    }
    boolean holds = conditionValue(definition, TEMPLATE + ": Conditions." + name, evaluating);
    evaluating.remove(name);
    return holds;
  }

  /**
   * A condition function: {@code Fn::Equals} (the two values compared as strings, as
   * CloudFormation compares them), {@code Fn::Not}, {@code Fn::And}, {@code Fn::Or} (every operand
   * is evaluated, so an unsupported one is refused whatever the others' values), {@code Condition}.
   */
  private boolean conditionValue(JsonNode node, String where, Set<String> evaluating) {
    if (node.isObject() && node.size() == 1) {
      String function = node.fieldNames().next();
      JsonNode arguments = node.get(function);
      String at = where + "." + function;
      switch (function) {
        case "Condition" -> {
          if (arguments.isTextual()) {
            return condition(arguments.textValue(), at, evaluating);
          }
        }
        case "Fn::Equals" -> {
          if (arguments.isArray() && arguments.size() == 2) {
            return comparable(arguments.get(0), at + "[0]").equals(comparable(arguments.get(1), at + "[1]"));
          }
        }
        case "Fn::Not" -> {
          if (arguments.isArray() && arguments.size() == 1) {
            return !conditionValue(arguments.get(0), at + "[0]", evaluating);
          }
        }
        case "Fn::And", "Fn::Or" -> {
          if (arguments.isArray() && arguments.size() >= 2 && arguments.size() <= 10) {
            List<Boolean> operands = new ArrayList<>();
            for (int i = 0; i < arguments.size(); i++) {
              operands.add(conditionValue(arguments.get(i), at + "[" + i + "]", evaluating));
            }
            return function.equals("Fn::And") ? !operands.contains(false) : operands.contains(true);
          }
        }
        default -> throw new UnsupportedFeatureException(where + ": the condition function " + function
            + " is not implemented by the local executor (Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition)");
      }
      throw new DefinitionException(at + ": invalid arguments " + arguments + " (Fn::Equals takes two values,"
          + " Fn::Not one condition, Fn::And and Fn::Or 2 to 10, Condition a condition name)");
    }
    throw new DefinitionException(where + ": " + node + " is not a condition function");
  }

  /** An operand of Fn::Equals, as the string CloudFormation compares. */
  private String comparable(JsonNode value, String where) {
    JsonNode resolved = resolve(value, where);
    if (resolved.isMissingNode() || !resolved.isValueNode()) {
      throw new DefinitionException(where + ": Fn::Equals compares values, not " + value);
    }
    return resolved.asText();
  }

  // --- substitutions and the definition ---------------------------------------------------------

  /** The function a substitution value refers to ({@code !Ref F}, {@code !Ref F.Alias}, {@code !GetAtt F.Arn}), else null. */
  private String referencedFunction(JsonNode value) {
    String id = null;
    if (value.has("Ref")) {
      id = value.get("Ref").asText();
      int dot = id.indexOf('.');
      id = dot < 0 ? id : id.substring(0, dot);
    } else if (value.has("Fn::GetAtt")) {
      id = value.get("Fn::GetAtt").path(0).asText();
    }
    return id != null && functions.containsKey(id) ? id : null;
  }

  /** The ARN (or name) the substitution stands for, as CloudFormation resolves it for that function. */
  private static String functionValue(LambdaFunction function, JsonNode value, String where) {
    if (value.has("Ref")) {
      String ref = value.get("Ref").asText();
      if (ref.equals(function.name())) {
        return function.name();
      }
      if (ref.equals(function.name() + ".Alias")) {
        if (function.alias() == null) {
          throw new DefinitionException(where + ": !Ref " + ref + " but " + function.name() + " has no AutoPublishAlias");
        }
        return function.arn(function.alias());
      }
    } else if (value.path("Fn::GetAtt").path(1).asText().equals("Arn")) {
      return function.arn();
    }
    throw new UnsupportedFeatureException(where + ": " + value + " is not implemented by the local executor"
        + " (!Ref Function, !Ref Function.Alias or !GetAtt Function.Arn)");
  }

  private JsonNode readDefinition(JsonNode properties, String where) {
    JsonNode uri = properties.path("DefinitionUri");
    if (uri.isTextual()) {
      Path file = root.resolve(uri.textValue());
      try {
        return MAPPER.readTree(Files.readString(file));
      } catch (IOException e) {
        throw new DefinitionException(where + ": cannot read the definition " + file + ": " + e.getMessage(), e);
      }
    }
    if (properties.path("Definition").isObject()) {
      return properties.get("Definition");
    }
    throw new UnsupportedFeatureException(where + ": the definition must be a DefinitionUri path or an inline"
        + " Definition object; " + (uri.isMissingNode() ? "neither is set" : "DefinitionUri " + uri + " is not implemented"));
  }

  /** Replaces each {@code ${Name}} in the definition's strings (and keys); an unknown name is refused. */
  private static JsonNode substitute(JsonNode node, Map<String, String> values, String where) {
    if (node.isTextual()) {
      return JsonNodeFactory.instance.textNode(substitute(node.textValue(), values, where));
    }
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      node.properties().forEach(entry ->
          copy.set(substitute(entry.getKey(), values, where), substitute(entry.getValue(), values, where)));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(element -> copy.add(substitute(element, values, where)));
      return copy;
    }
    return node;
  }

  private static String substitute(String text, Map<String, String> values, String where) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      if (value == null) {
        throw new DefinitionException(where + ": the definition uses ${" + matcher.group(1)
            + "}, which DefinitionSubstitutions does not define");
      }
      matcher.appendReplacement(result, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(result);
    return result.toString();
  }

  // --- event rules ------------------------------------------------------------------------------

  /**
   * The patterns of the enabled EventBridge rules that start the state machine: {@code
   * AWS::Events::Rule}s with a target {@code !Ref}/{@code !GetAtt} the state machine, and the state
   * machine's own {@code EventBridgeRule}/{@code CloudWatchEvent} events.
   */
  private List<EventPattern> eventPatterns(String logicalId, JsonNode properties) {
    List<EventPattern> patterns = new ArrayList<>();
    resourcesOfType("AWS::Events::Rule").forEach((id, rule) -> {
      JsonNode ruleProperties = rule.path("Properties");
      boolean targetsMachine = false;
      for (JsonNode target : ruleProperties.path("Targets")) {
        JsonNode arn = target.path("Arn");
        if (arn.path("Ref").asText().equals(logicalId) || arn.path("Fn::GetAtt").path(0).asText().equals(logicalId)) {
          targetsMachine = true;
        }
      }
      if (targetsMachine && !ruleProperties.path("State").asText("ENABLED").equals("DISABLED")
          && ruleProperties.has("EventPattern")) {
        patterns.add(EventPattern.parse(ruleProperties.get("EventPattern"), TEMPLATE + ": " + id + ".EventPattern"));
      }
    });
    properties.path("Events").properties().forEach(entry -> {
      String type = entry.getValue().path("Type").asText();
      JsonNode eventProperties = entry.getValue().path("Properties");
      if ((type.equals("EventBridgeRule") || type.equals("CloudWatchEvent")) && eventProperties.has("Pattern")
          && eventProperties.path("State").asText("ENABLED").equals("ENABLED")) {
        patterns.add(EventPattern.parse(eventProperties.get("Pattern"),
            TEMPLATE + ": " + logicalId + ".Events." + entry.getKey() + ".Pattern"));
      }
    });
    return List.copyOf(patterns);
  }

  private Map<String, JsonNode> resourcesOfType(String type) {
    Map<String, JsonNode> result = new LinkedHashMap<>();
    template.path("Resources").properties().forEach(entry -> {
      if (type.equals(entry.getValue().path("Type").asText())) {
        result.put(entry.getKey(), entry.getValue());
      }
    });
    return result;
  }
}
