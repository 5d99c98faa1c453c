package com.youtubechat.local.sam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 */
public final class SamProject {

  public static final String TEMPLATE = "template.yaml";
  private static final String SERVERLESS_FUNCTION = "AWS::Serverless::Function";
  private static final String SERVERLESS_STATE_MACHINE = "AWS::Serverless::StateMachine";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path root;
  private final JsonNode template;
  private final Map<String, LambdaFunction> functions;

  private SamProject(Path root, JsonNode template) {
    this.root = root;
    this.template = template;
    this.functions = readFunctions();
  }

  /** Reads {@code template.yaml} in {@code projectRoot}. */
  public static SamProject read(Path projectRoot) {
    Path file = projectRoot.resolve(TEMPLATE);
    try {
      return new SamProject(projectRoot, CloudFormationYaml.read(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** A project from an already parsed template; DefinitionUri paths are resolved against {@code projectRoot}. */
  public static SamProject of(Path projectRoot, JsonNode template) {
    return new SamProject(projectRoot, template);
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
      JsonNode timeoutNode = property(properties, globals, "Timeout");
      Duration timeout = timeoutNode.isMissingNode() ? LambdaFunction.DEFAULT_TIMEOUT
          : Duration.ofSeconds(Long.parseLong(number(timeoutNode, where + ".Timeout")));
      JsonNode memoryNode = property(properties, globals, "MemorySize");
      int memory = memoryNode.isMissingNode() ? LambdaFunction.DEFAULT_MEMORY_SIZE_MB
          : Integer.parseInt(number(memoryNode, where + ".MemorySize"));
      Set<String> variables = new LinkedHashSet<>();
      globals.path("Environment").path("Variables").fieldNames().forEachRemaining(variables::add);
      properties.path("Environment").path("Variables").fieldNames().forEachRemaining(variables::add);
      JsonNode aliasNode = property(properties, globals, "AutoPublishAlias");
      String alias = aliasNode.isMissingNode() ? null : scalar(aliasNode, where + ".AutoPublishAlias");
      result.put(id, new LambdaFunction(id, handler, timeout, memory, List.copyOf(variables), alias));
    });
    return Collections.unmodifiableMap(result);
  }

  /** A function property, or the Globals' when the function does not set it. */
  private static JsonNode property(JsonNode properties, JsonNode globals, String name) {
    return properties.has(name) ? properties.get(name) : globals.path(name);
  }

  /** A scalar value, or a !Ref to a parameter, which is read as its Default. */
  private String scalar(JsonNode value, String where) {
    if (value.isMissingNode() || value.isNull()) {
      throw new DefinitionException(where + " is missing");
    }
    if (value.isValueNode()) {
      return value.asText();
    }
    if (value.isObject() && value.size() == 1 && value.has("Ref")) {
      JsonNode parameter = template.path("Parameters").path(value.get("Ref").asText());
      if (parameter.has("Default") && parameter.get("Default").isValueNode()) {
        return parameter.get("Default").asText();
      }
    }
    throw new UnsupportedFeatureException(where + ": the value " + value
        + " is not implemented by the local executor (a literal, or a !Ref to a parameter with a Default)");
  }

  private String number(JsonNode value, String where) {
    String text = scalar(value, where);
    if (!text.matches("\\d+")) {
      throw new DefinitionException(where + ": " + text + " is not a positive integer");
    }
    return text;
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
