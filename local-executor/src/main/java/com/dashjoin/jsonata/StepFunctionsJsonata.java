package com.dashjoin.jsonata;

import java.util.List;

/**
 * The JSONata library's evaluator with one difference, to evaluate as JSONata 2.0.6 (the version
 * Step Functions runs) does. It lives in the library's package because the method it changes is
 * package-private; it is tied to the pinned library version, and JsonataCompatibilityTest
 * fails if an upgrade changes the behaviour it relies on.
 *
 * <p>The difference: a path whose first step is an array constructor with a filter, e.g.
 * {@code [a, b][failed = true].{'step': step}}. When the filter keeps exactly one item, JSONata
 * 2.0.6 unwraps it to a single value, over which the later steps iterate nothing: the path is
 * undefined. The library instead throws a ClassCastException (LinkedHashMap cannot be cast to
 * List), which would surface as a States.QueryEvaluationError that Step Functions never raises.
 */
public final class StepFunctionsJsonata extends Jsonata {

  private StepFunctionsJsonata(String expression) {
    super(expression);
  }

  /** Parses an expression; throws {@link JException} on a syntax error. */
  public static StepFunctionsJsonata parse(String expression) {
    return new StepFunctionsJsonata(expression);
  }

  @Override
  Jsonata getPerThreadInstance() {
    // One instance per evaluation (the executor never shares one between threads).
    return this;
  }

  @Override
  Object evaluatePath(Parser.Symbol expr, Object input, Frame environment) throws JException {
    List<Parser.Symbol> steps = expr.steps;
    if (steps.size() > 1 && steps.get(0).consarray) {
      Object inputSequence = input instanceof List && !"variable".equals(steps.get(0).type)
          ? input : Utils.createSequence(input);
      Object head = evaluate(steps.get(0), inputSequence, environment);
      if (head != null && !(head instanceof List)) {
        return null;
      }
    }
    return super.evaluatePath(expr, input, environment);
  }
}
