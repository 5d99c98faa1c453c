package com.youtubechat.local.asl;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.StepFunctionsJsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.youtubechat.local.DefinitionException;
import com.youtubechat.local.ErrorNames;
import com.youtubechat.local.StatesException;
import com.youtubechat.local.UnsupportedFeatureException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One JSONata expression, the text between {@code {%} and {@code %}}. Its syntax is checked when the
 * definition is loaded; evaluating it yields JSON, or fails with {@code States.QueryEvaluationError}
 * when the expression throws or returns nothing (undefined), as Step Functions does.
 */
public final class Expression {

  /** The {@code $states} fields an expression may use; which are available depends on the field. */
  public enum StatesField { INPUT, CONTEXT, RESULT, ERROR_OUTPUT }

  private static final Pattern STATES_FIELD = Pattern.compile("\\$states\\s*\\.\\s*(\\w+)");
  /** Step Functions' own JSONata functions, and $eval, which Step Functions leaves out. */
  private static final Pattern UNSUPPORTED_FUNCTION =
      Pattern.compile("\\$(partition|range|hash|uuid|parse|eval)\\s*\\(");

  private final String source;
  private final String field;
  private final Set<StatesField> statesFields;

  private Expression(String source, String field, Set<StatesField> statesFields) {
    this.source = source;
    this.field = field;
    this.statesFields = statesFields;
  }

  /** Whether a JSON string is a JSONata expression: {@code "{% ... %}"}. */
  public static boolean isExpression(String text) {
    return text.length() >= 4 && text.startsWith("{%") && text.endsWith("%}");
  }

  /**
   * Parses the expression of a {@code "{% ... %}"} string found at {@code field} (a path such as
   * {@code States.Info.Arguments.Payload}, used in messages).
   */
  public static Expression parse(String text, String field) {
    if (!isExpression(text)) {
      throw new IllegalArgumentException(text + " is not a {% %} expression");
    }
    String source = text.substring(2, text.length() - 2).trim();
    if (source.isEmpty()) {
      throw new DefinitionException(field + ": the JSONata expression is empty");
    }
    Matcher unsupported = UNSUPPORTED_FUNCTION.matcher(source);
    if (unsupported.find()) {
      throw new UnsupportedFeatureException(field + ": the JSONata function $" + unsupported.group(1)
          + "() is not implemented by the local executor");
    }
    try {
      StepFunctionsJsonata.parse(wrapped(source));
    } catch (JException | IllegalArgumentException e) {
      throw new DefinitionException(field + ": the JSONata expression '" + source + "' does not parse: "
          + e.getMessage(), e);
    }
    Set<StatesField> used = EnumSet.noneOf(StatesField.class);
    Matcher matcher = STATES_FIELD.matcher(source);
    while (matcher.find()) {
      used.add(switch (matcher.group(1)) {
        case "input" -> StatesField.INPUT;
        case "context" -> StatesField.CONTEXT;
        case "result" -> StatesField.RESULT;
        case "errorOutput" -> StatesField.ERROR_OUTPUT;
        default -> throw new DefinitionException(field + ": $states has no field '" + matcher.group(1)
            + "' (it has input, context, result and errorOutput)");
      });
    }
    return new Expression(source, field, used);
  }

  /**
   * The expression inside an object constructor: the library returns Java null both for JSON null
   * and for undefined at the top level, but keeps a null-valued key and drops an undefined one.
   */
  private static String wrapped(String source) {
    return "{\"v\": (" + source + "\n)}";
  }

  public String source() {
    return source;
  }

  public String field() {
    return field;
  }

  /** The {@code $states} fields the expression refers to. */
  public Set<StatesField> statesFields() {
    return statesFields;
  }

  /** Evaluates the expression to JSON; {@code States.QueryEvaluationError} if it throws or returns undefined. */
  public JsonNode evaluate(Bindings bindings) {
    Object wrapper;
    try {
      // Parsed again for each evaluation: the library's expression objects keep per-evaluation state.
      Jsonata expression = StepFunctionsJsonata.parse(wrapped(source));
      Jsonata.Frame frame = expression.createFrame();
      frame.bind("states", bindings.states());
      for (Map.Entry<String, Object> variable : bindings.variables().entrySet()) {
        frame.bind(variable.getKey(), variable.getValue());
      }
      wrapper = expression.evaluate(null, frame);
    } catch (RuntimeException | StackOverflowError e) {
      throw new StatesException(ErrorNames.QUERY_EVALUATION_ERROR, "The JSONata expression '" + source
          + "' specified for the field '" + field + "' threw an error: " + describe(e));
    }
    if (!(wrapper instanceof Map<?, ?> map) || !map.containsKey("v")) {
      throw new StatesException(ErrorNames.QUERY_EVALUATION_ERROR, "The JSONata expression '" + source
          + "' specified for the field '" + field + "' returned nothing (undefined).");
    }
    try {
      return JsonataValues.toJson(map.get("v"));
    } catch (IllegalArgumentException e) {
      throw new StatesException(ErrorNames.QUERY_EVALUATION_ERROR, "The JSONata expression '" + source
          + "' specified for the field '" + field + "' returned a value with no JSON form: " + e.getMessage());
    }
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  @Override
  public String toString() {
    return "{% " + source + " %}";
  }
}
