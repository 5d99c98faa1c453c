package com.youtubechat.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.youtubechat.local.DefinitionException;
import com.youtubechat.local.ErrorNames;
import com.youtubechat.local.UnsupportedFeatureException;
import com.youtubechat.local.asl.Expression.StatesField;
import com.youtubechat.local.asl.State.Branch;
import com.youtubechat.local.asl.State.Catcher;
import com.youtubechat.local.asl.State.ChoiceRule;
import com.youtubechat.local.asl.State.ChoiceState;
import com.youtubechat.local.asl.State.FailState;
import com.youtubechat.local.asl.State.JitterStrategy;
import com.youtubechat.local.asl.State.ParallelState;
import com.youtubechat.local.asl.State.PassState;
import com.youtubechat.local.asl.State.Retrier;
import com.youtubechat.local.asl.State.SucceedState;
import com.youtubechat.local.asl.State.TaskState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A state machine definition (Amazon States Language, JSONata query language), checked and parsed.
 * Everything the executor does not implement is refused here, with the path of the offending
 * element: JSONPath, state types other than Task, Parallel, Pass, Choice, Succeed and Fail, and any
 * field not listed below. Supported fields:
 * <ul>
 *   <li>top level: {@code QueryLanguage: JSONata} (required), {@code StartAt}, {@code States},
 *       {@code Comment}, {@code Version: "1.0"};
 *   <li>every state: {@code Type}, {@code Comment}, {@code QueryLanguage: JSONata};
 *   <li>Task ({@code Resource: arn:aws:states:::lambda:invoke}, Arguments {@code {FunctionName,
 *       Payload}}), Parallel ({@code Branches}, {@code Arguments}): {@code Output}, {@code Assign},
 *       {@code Retry}, {@code Catch}, {@code Next}/{@code End};
 *   <li>Pass: {@code Output}, {@code Assign}, {@code Next}/{@code End};
 *   <li>Choice: {@code Choices} ({@code Condition}, {@code Next}, {@code Comment}), {@code Default};
 *   <li>Succeed: {@code Output}; Fail: {@code Error}, {@code Cause}.
 * </ul>
 */
public final class StateMachineDefinition {

  public static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";
  private static final String JSONATA = "JSONata";

  /** Fields that exist only in JSONPath states; a JSONata state may not use them. */
  private static final Set<String> JSONPATH_FIELDS = Set.of(
      "InputPath", "Parameters", "ResultSelector", "ResultPath", "OutputPath", "ItemsPath", "Result",
      "ErrorPath", "CausePath", "SecondsPath", "TimestampPath", "TimeoutSecondsPath",
      "HeartbeatSecondsPath", "Iterator", "Variable");
  /** Fields AWS accepts on the states this executor runs, but which it does not implement. */
  private static final Set<String> UNIMPLEMENTED_FIELDS = Set.of(
      "TimeoutSeconds", "HeartbeatSeconds", "Credentials", "ItemProcessor", "ItemReader", "ItemSelector",
      "ItemBatcher", "ResultWriter", "MaxConcurrency", "ToleratedFailurePercentage",
      "ToleratedFailureCount", "Label", "Seconds", "Timestamp", "Items");
  private static final Set<String> UNIMPLEMENTED_TYPES = Set.of("Wait", "Map");
  /** The {@code States.*} error names AWS defines (others are invalid in ErrorEquals). */
  private static final Set<String> STATES_ERRORS = Set.of(
      "States.ALL", "States.HeartbeatTimeout", "States.Timeout", "States.TaskFailed", "States.Permissions",
      "States.ResultPathMatchFailure", "States.ParameterPathFailure", "States.BranchFailed",
      "States.NoChoiceMatched", "States.IntrinsicFailure", "States.ExceedToleratedFailureThreshold",
      "States.ItemReaderFailed", "States.ResultWriterFailed", "States.QueryEvaluationError",
      "States.Runtime", "States.DataLimitExceeded");
  private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,79}");
  private static final int MAX_RETRY_NUMBER = 99_999_999;

  private final String comment;
  private final Branch main;
  private final Map<String, State> allStates;

  private StateMachineDefinition(String comment, Branch main, Map<String, State> allStates) {
    this.comment = comment;
    this.main = main;
    this.allStates = allStates;
  }

  /** Checks and parses a definition (with its DefinitionSubstitutions already applied). */
  public static StateMachineDefinition parse(JsonNode definition) {
    return new Parser().parseDefinition(definition);
  }

  public String comment() {
    return comment;
  }

  /** The top-level StartAt and States. */
  public Branch main() {
    return main;
  }

  /** Every state by name, including those inside Parallel branches (names are unique machine-wide). */
  public Map<String, State> allStates() {
    return allStates;
  }

  /** Every Task state, including those inside Parallel branches. */
  public List<TaskState> tasks() {
    return allStates.values().stream()
        .filter(TaskState.class::isInstance).map(TaskState.class::cast).toList();
  }

  // ------------------------------------------------------------------------------------------------

  private static final class Parser {

    private final Map<String, State> allStates = new LinkedHashMap<>();

    StateMachineDefinition parseDefinition(JsonNode root) {
      if (root == null || !root.isObject()) {
        throw new DefinitionException("the definition is not a JSON object");
      }
      String where = "(top level)";
      checkFields(root, where, Set.of("Comment", "StartAt", "States", "QueryLanguage", "Version"));
      JsonNode language = root.get("QueryLanguage");
      if (language == null || language.asText().equals("JSONPath")) {
        throw new UnsupportedFeatureException(where + ": QueryLanguage is "
            + (language == null ? "not set (JSONPath by default)" : "JSONPath")
            + "; the local executor runs JSONata definitions only (\"QueryLanguage\": \"JSONata\")");
      }
      if (!language.asText().equals(JSONATA)) {
        throw new DefinitionException(where + ": unknown QueryLanguage " + language);
      }
      if (root.has("Version") && !root.get("Version").asText().equals("1.0")) {
        throw new DefinitionException(where + ": Version must be \"1.0\"");
      }
      Branch main = parseBranch(root, "");
      return new StateMachineDefinition(optionalText(root, "Comment", where), main,
          Collections.unmodifiableMap(allStates));
    }

    /** A list of states: the top level (prefix "") or a Parallel branch (prefix "States.P.Branches[0]."). */
    private Branch parseBranch(JsonNode node, String prefix) {
      String startAt = requiredText(node, "StartAt", prefix.isEmpty() ? "(top level)" : strip(prefix));
      JsonNode states = node.get("States");
      if (states == null || !states.isObject() || states.isEmpty()) {
        throw new DefinitionException(prefix + "States: must be a non-empty object");
      }
      Map<String, State> parsed = new LinkedHashMap<>();
      states.properties().forEach(entry -> {
        String name = entry.getKey();
        String path = prefix + "States." + name;
        if (name.isEmpty() || name.length() > 80) {
          throw new DefinitionException(path + ": a state name must have 1 to 80 characters");
        }
        if (allStates.containsKey(name)) {
          throw new DefinitionException(path + ": the state name " + name
              + " is used twice (state names are unique across the whole state machine)");
        }
        State state = parseState(name, entry.getValue(), path);
        allStates.put(name, state);
        parsed.put(name, state);
      });
      if (!parsed.containsKey(startAt)) {
        throw new DefinitionException(prefix + "StartAt: no state named " + startAt);
      }
      checkTransitions(parsed, prefix);
      checkReachable(startAt, parsed, prefix);
      return new Branch(startAt, Collections.unmodifiableMap(parsed));
    }

    private State parseState(String name, JsonNode node, String path) {
      if (!node.isObject()) {
        throw new DefinitionException(path + ": a state must be a JSON object");
      }
      String type = requiredText(node, "Type", path);
      JsonNode language = node.get("QueryLanguage");
      if (language != null && !language.asText().equals(JSONATA)) {
        if (language.asText().equals("JSONPath")) {
          throw new UnsupportedFeatureException(path + ": QueryLanguage JSONPath is not implemented by the local executor");
        }
        throw new DefinitionException(path + ": unknown QueryLanguage " + language);
      }
      return switch (type) {
        case "Task" -> parseTask(name, node, path);
        case "Parallel" -> parseParallel(name, node, path);
        case "Pass" -> {
          checkFields(node, path, Set.of("Type", "Comment", "QueryLanguage", "Output", "Assign", "Next", "End"));
          yield new PassState(name, template(node, "Output", path, EnumSet.of(StatesField.INPUT, StatesField.CONTEXT)),
              assign(node, path, EnumSet.of(StatesField.INPUT, StatesField.CONTEXT)), next(node, path));
        }
        case "Choice" -> parseChoice(name, node, path);
        case "Succeed" -> {
          checkFields(node, path, Set.of("Type", "Comment", "QueryLanguage", "Output"));
          yield new SucceedState(name, template(node, "Output", path, EnumSet.of(StatesField.INPUT, StatesField.CONTEXT)));
        }
        case "Fail" -> {
          checkFields(node, path, Set.of("Type", "Comment", "QueryLanguage", "Error", "Cause"));
          Set<StatesField> allowed = EnumSet.of(StatesField.INPUT, StatesField.CONTEXT);
          for (String field : List.of("Error", "Cause")) {
            if (node.has(field) && !node.get(field).isTextual()) {
              throw new DefinitionException(path + "." + field + ": must be a string or a {% %} expression");
            }
          }
          yield new FailState(name, template(node, "Error", path, allowed), template(node, "Cause", path, allowed));
        }
        default -> {
          if (UNIMPLEMENTED_TYPES.contains(type)) {
            throw new UnsupportedFeatureException(path + ": the state type " + type
                + " is not implemented by the local executor");
          }
          throw new DefinitionException(path + ": unknown state type " + type);
        }
      };
    }

    private TaskState parseTask(String name, JsonNode node, String path) {
      checkFields(node, path, Set.of("Type", "Comment", "QueryLanguage", "Resource", "Arguments", "Output",
          "Assign", "Retry", "Catch", "Next", "End"));
      String resource = requiredText(node, "Resource", path);
      if (!resource.equals(LAMBDA_INVOKE)) {
        throw new UnsupportedFeatureException(path + ".Resource: " + resource
            + " is not implemented by the local executor (only " + LAMBDA_INVOKE + ")");
      }
      JsonNode arguments = node.get("Arguments");
      if (arguments == null) {
        throw new DefinitionException(path + ": a " + LAMBDA_INVOKE + " task needs Arguments with a FunctionName");
      }
      if (arguments.isObject()) {
        for (String field : iterable(arguments.fieldNames())) {
          switch (field) {
            case "FunctionName", "Payload" -> { }
            case "Qualifier", "InvocationType", "ClientContext", "LogType" -> throw new UnsupportedFeatureException(
                path + ".Arguments." + field + " is not implemented by the local executor (only FunctionName and Payload)");
            default -> throw new DefinitionException(path + ".Arguments: unknown lambda:invoke parameter " + field);
          }
        }
        if (!arguments.has("FunctionName")) {
          throw new DefinitionException(path + ".Arguments: FunctionName is required");
        }
      } else if (!(arguments.isTextual() && Expression.isExpression(arguments.textValue()))) {
        throw new DefinitionException(path + ".Arguments: must be an object or a {% %} expression");
      }
      Set<StatesField> beforeResult = EnumSet.of(StatesField.INPUT, StatesField.CONTEXT);
      Set<StatesField> afterResult = EnumSet.of(StatesField.INPUT, StatesField.CONTEXT, StatesField.RESULT);
      return new TaskState(name, resource, template(node, "Arguments", path, beforeResult),
          template(node, "Output", path, afterResult), assign(node, path, afterResult),
          retriers(node, path), catchers(node, path), next(node, path));
    }

    private ParallelState parseParallel(String name, JsonNode node, String path) {
      checkFields(node, path, Set.of("Type", "Comment", "QueryLanguage", "Branches", "Arguments", "Output",
          "Assign", "Retry", "Catch", "Next", "End"));
      JsonNode branches = node.get("Branches");
      if (branches == null || !branches.isArray() || branches.isEmpty()) {
        throw new DefinitionException(path + ".Branches: must be a non-empty array");
      }
      List<Branch> parsed = new ArrayList<>();
      for (int i = 0; i < branches.size(); i++) {
        String prefix = path + ".Branches[" + i + "].";
        JsonNode branch = branches.get(i);
        if (!branch.isObject()) {
          throw new DefinitionException(strip(prefix) + ": a branch must be a JSON object");
        }
        checkFields(branch, strip(prefix), Set.of("StartAt", "States", "Comment"));
        parsed.add(parseBranch(branch, prefix));
      }
      Set<StatesField> beforeResult = EnumSet.of(StatesField.INPUT, StatesField.CONTEXT);
      Set<StatesField> afterResult = EnumSet.of(StatesField.INPUT, StatesField.CONTEXT, StatesField.RESULT);
      return new ParallelState(name, List.copyOf(parsed), template(node, "Arguments", path, beforeResult),
          template(node, "Output", path, afterResult), assign(node, path, afterResult),
          retriers(node, path), catchers(node, path), next(node, path));
    }

    private ChoiceState parseChoice(String name, JsonNode node, String path) {
      checkFields(node, path, Set.of("Type", "Comment", "QueryLanguage", "Choices", "Default"));
      JsonNode choices = node.get("Choices");
      if (choices == null || !choices.isArray() || choices.isEmpty()) {
        throw new DefinitionException(path + ".Choices: must be a non-empty array");
      }
      List<ChoiceRule> rules = new ArrayList<>();
      for (int i = 0; i < choices.size(); i++) {
        String rulePath = path + ".Choices[" + i + "]";
        JsonNode rule = choices.get(i);
        if (!rule.isObject()) {
          throw new DefinitionException(rulePath + ": a choice rule must be a JSON object");
        }
        checkFields(rule, rulePath, Set.of("Condition", "Next", "Comment"));
        JsonNode condition = rule.get("Condition");
        if (condition == null) {
          throw new DefinitionException(rulePath + ": Condition is required in a JSONata Choice rule");
        }
        Expression expression;
        if (condition.isBoolean()) {
          expression = Expression.parse("{% " + condition.booleanValue() + " %}", rulePath + ".Condition");
        } else if (condition.isTextual() && Expression.isExpression(condition.textValue())) {
          expression = Expression.parse(condition.textValue(), rulePath + ".Condition");
        } else {
          throw new DefinitionException(rulePath + ".Condition: must be a {% %} expression or a boolean");
        }
        checkStatesFields(expression, EnumSet.of(StatesField.INPUT, StatesField.CONTEXT));
        rules.add(new ChoiceRule(expression, requiredText(rule, "Next", rulePath)));
      }
      return new ChoiceState(name, List.copyOf(rules), optionalText(node, "Default", path));
    }

    private List<Retrier> retriers(JsonNode node, String path) {
      JsonNode retry = node.get("Retry");
      if (retry == null) {
        return List.of();
      }
      if (!retry.isArray()) {
        throw new DefinitionException(path + ".Retry: must be an array");
      }
      List<Retrier> retriers = new ArrayList<>();
      for (int i = 0; i < retry.size(); i++) {
        String where = path + ".Retry[" + i + "]";
        JsonNode retrier = retry.get(i);
        if (!retrier.isObject()) {
          throw new DefinitionException(where + ": a retrier must be a JSON object");
        }
        checkFields(retrier, where, Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate",
            "MaxDelaySeconds", "JitterStrategy", "Comment"));
        List<String> errors = errorEquals(retrier, where, i == retry.size() - 1);
        int interval = integer(retrier, "IntervalSeconds", where, 1, 1, MAX_RETRY_NUMBER);
        int maxAttempts = integer(retrier, "MaxAttempts", where, 3, 0, MAX_RETRY_NUMBER);
        JsonNode backoff = retrier.get("BackoffRate");
        double backoffRate = 2.0;
        if (backoff != null) {
          if (!backoff.isNumber() || backoff.doubleValue() < 1.0) {
            throw new DefinitionException(where + ".BackoffRate: must be a number >= 1.0");
          }
          backoffRate = backoff.doubleValue();
        }
        Integer maxDelay = retrier.has("MaxDelaySeconds")
            ? integer(retrier, "MaxDelaySeconds", where, 0, 1, 31_622_400) : null;
        JitterStrategy jitter = JitterStrategy.NONE;
        if (retrier.has("JitterStrategy")) {
          String text = retrier.get("JitterStrategy").asText();
          try {
            jitter = JitterStrategy.valueOf(text);
          } catch (IllegalArgumentException e) {
            throw new DefinitionException(where + ".JitterStrategy: must be FULL or NONE, not " + text);
          }
        }
        retriers.add(new Retrier(errors, interval, maxAttempts, backoffRate, maxDelay, jitter));
      }
      return List.copyOf(retriers);
    }

    private List<Catcher> catchers(JsonNode node, String path) {
      JsonNode catchNode = node.get("Catch");
      if (catchNode == null) {
        return List.of();
      }
      if (!catchNode.isArray()) {
        throw new DefinitionException(path + ".Catch: must be an array");
      }
      Set<StatesField> allowed = EnumSet.of(StatesField.INPUT, StatesField.CONTEXT, StatesField.ERROR_OUTPUT);
      List<Catcher> catchers = new ArrayList<>();
      for (int i = 0; i < catchNode.size(); i++) {
        String where = path + ".Catch[" + i + "]";
        JsonNode catcher = catchNode.get(i);
        if (!catcher.isObject()) {
          throw new DefinitionException(where + ": a catcher must be a JSON object");
        }
        checkFields(catcher, where, Set.of("ErrorEquals", "Next", "Output", "Assign", "Comment"));
        catchers.add(new Catcher(errorEquals(catcher, where, i == catchNode.size() - 1),
            requiredText(catcher, "Next", where), template(catcher, "Output", where, allowed),
            assign(catcher, where, allowed)));
      }
      return List.copyOf(catchers);
    }

    private List<String> errorEquals(JsonNode node, String where, boolean last) {
      JsonNode errors = node.get("ErrorEquals");
      if (errors == null || !errors.isArray() || errors.isEmpty()) {
        throw new DefinitionException(where + ".ErrorEquals: must be a non-empty array of error names");
      }
      List<String> names = new ArrayList<>();
      for (JsonNode error : errors) {
        if (!error.isTextual() || error.textValue().isEmpty()) {
          throw new DefinitionException(where + ".ErrorEquals: " + error + " is not an error name");
        }
        String name = error.textValue();
        if (name.startsWith("States.") && !STATES_ERRORS.contains(name)) {
          throw new DefinitionException(where + ".ErrorEquals: unknown error " + name
              + " (names starting with States. are reserved)");
        }
        names.add(name);
      }
      if (names.contains(ErrorNames.ALL) && (names.size() > 1 || !last)) {
        throw new DefinitionException(where + ".ErrorEquals: States.ALL must appear alone, in the last "
            + (where.contains(".Retry[") ? "retrier" : "catcher"));
      }
      return List.copyOf(names);
    }

    private Template template(JsonNode node, String field, String path, Set<StatesField> allowed) {
      JsonNode value = node.get(field);
      if (value == null) {
        return null;
      }
      Template template = Template.parse(value, path + "." + field);
      template.forEachExpression(expression -> checkStatesFields(expression, allowed));
      return template;
    }

    private Map<String, Template> assign(JsonNode node, String path, Set<StatesField> allowed) {
      JsonNode assign = node.get("Assign");
      if (assign == null) {
        return Map.of();
      }
      if (!assign.isObject()) {
        throw new DefinitionException(path + ".Assign: must be a JSON object of variable names to values");
      }
      Map<String, Template> variables = new LinkedHashMap<>();
      assign.properties().forEach(entry -> {
        String name = entry.getKey();
        if (!VARIABLE_NAME.matcher(name).matches() || name.equals("states")) {
          throw new DefinitionException(path + ".Assign: " + name + " is not a valid variable name"
              + " (a letter or _, then letters, digits or _, at most 80 characters; not 'states')");
        }
        Template template = Template.parse(entry.getValue(), path + ".Assign." + name);
        template.forEachExpression(expression -> checkStatesFields(expression, allowed));
        variables.put(name, template);
      });
      return Collections.unmodifiableMap(variables);
    }

    private static void checkStatesFields(Expression expression, Set<StatesField> allowed) {
      for (StatesField used : expression.statesFields()) {
        if (!allowed.contains(used)) {
          throw new DefinitionException(expression.field() + ": $states." + switch (used) {
            case INPUT -> "input";
            case CONTEXT -> "context";
            case RESULT -> "result";
            case ERROR_OUTPUT -> "errorOutput";
          } + " is not available in this field");
        }
      }
    }

    private static String next(JsonNode node, String path) {
      JsonNode next = node.get("Next");
      JsonNode end = node.get("End");
      boolean ends = end != null && end.isBoolean() && end.booleanValue();
      if (end != null && !end.isBoolean()) {
        throw new DefinitionException(path + ".End: must be a boolean");
      }
      if (next != null && ends) {
        throw new DefinitionException(path + ": has both Next and End");
      }
      if (next == null && !ends) {
        throw new DefinitionException(path + ": needs Next or \"End\": true");
      }
      return next == null ? null : requiredText(node, "Next", path);
    }

    private static void checkTransitions(Map<String, State> states, String prefix) {
      states.forEach((name, state) -> {
        String path = prefix + "States." + name;
        for (String target : targets(state)) {
          if (!states.containsKey(target)) {
            throw new DefinitionException(path + ": transition to " + target + ", which is not a state of "
                + (prefix.isEmpty() ? "the top level" : strip(prefix))
                + " (a transition cannot leave or enter a Parallel branch)");
          }
        }
      });
    }

    private static void checkReachable(String startAt, Map<String, State> states, String prefix) {
      Set<String> reached = new HashSet<>();
      Deque<String> queue = new ArrayDeque<>(List.of(startAt));
      while (!queue.isEmpty()) {
        String name = queue.pop();
        if (reached.add(name)) {
          queue.addAll(targets(states.get(name)));
        }
      }
      for (String name : states.keySet()) {
        if (!reached.contains(name)) {
          throw new DefinitionException(prefix + "States." + name + ": the state is not reachable from " + startAt);
        }
      }
    }

    private static Set<String> targets(State state) {
      Set<String> targets = new LinkedHashSet<>();
      switch (state) {
        case TaskState task -> {
          addIfNotNull(targets, task.next());
          task.catchers().forEach(catcher -> targets.add(catcher.next()));
        }
        case ParallelState parallel -> {
          addIfNotNull(targets, parallel.next());
          parallel.catchers().forEach(catcher -> targets.add(catcher.next()));
        }
        case PassState pass -> addIfNotNull(targets, pass.next());
        case ChoiceState choice -> {
          choice.choices().forEach(rule -> targets.add(rule.next()));
          addIfNotNull(targets, choice.defaultNext());
        }
        case SucceedState ignored -> { }
        case FailState ignored -> { }
      }
      return targets;
    }

    private static void addIfNotNull(Set<String> set, String value) {
      if (value != null) {
        set.add(value);
      }
    }

    private static void checkFields(JsonNode node, String path, Set<String> allowed) {
      for (String field : iterable(node.fieldNames())) {
        if (allowed.contains(field)) {
          continue;
        }
        if (JSONPATH_FIELDS.contains(field)) {
          throw new DefinitionException(path + ": " + field + " is a JSONPath field; in a JSONata state use "
              + "Arguments, Output and Assign (with $states.input, $states.result...) instead");
        }
        if (UNIMPLEMENTED_FIELDS.contains(field)) {
          throw new UnsupportedFeatureException(path + ": the field " + field
              + " is not implemented by the local executor");
        }
        if (field.endsWith(".$")) {
          throw new DefinitionException(path + ": " + field + " is JSONPath syntax; JSONata uses \"{% ... %}\" values");
        }
        throw new DefinitionException(path + ": unknown or misplaced field " + field);
      }
    }

    private static int integer(JsonNode node, String field, String where, int fallback, int min, int max) {
      JsonNode value = node.get(field);
      if (value == null) {
        return fallback;
      }
      if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < min || value.intValue() > max) {
        throw new DefinitionException(where + "." + field + ": must be an integer from " + min + " to " + max);
      }
      return value.intValue();
    }

    private static String requiredText(JsonNode node, String field, String where) {
      JsonNode value = node.get(field);
      if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
        throw new DefinitionException(where + "." + field + ": a non-empty string is required");
      }
      return value.textValue();
    }

    private static String optionalText(JsonNode node, String field, String where) {
      JsonNode value = node.get(field);
      if (value == null) {
        return null;
      }
      if (!value.isTextual()) {
        throw new DefinitionException(where + "." + field + ": must be a string");
      }
      return value.textValue();
    }

    private static String strip(String prefix) {
      return prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    private static Iterable<String> iterable(java.util.Iterator<String> iterator) {
      List<String> list = new ArrayList<>();
      iterator.forEachRemaining(list::add);
      return list;
    }
  }
}
