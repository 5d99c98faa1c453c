package com.youtubechat.local.asl;

import java.util.List;
import java.util.Map;

/** A state of a loaded definition. {@code next} is null for a state that ends its branch ({@code End: true}). */
public sealed interface State {

  String name();

  /** The ASL type name, e.g. {@code Task}. */
  default String type() {
    return getClass().getSimpleName().replace("State", "");
  }

  /** {@code Resource: arn:aws:states:::lambda:invoke}; Arguments holds FunctionName and Payload. */
  record TaskState(String name, String resource, Template arguments, Template output,
      Map<String, Template> assign, List<Retrier> retriers, List<Catcher> catchers, String next)
      implements State {}

  record ParallelState(String name, List<Branch> branches, Template arguments, Template output,
      Map<String, Template> assign, List<Retrier> retriers, List<Catcher> catchers, String next)
      implements State {}

  record PassState(String name, Template output, Map<String, Template> assign, String next) implements State {}

  record ChoiceState(String name, List<ChoiceRule> choices, String defaultNext) implements State {}

  record SucceedState(String name, Template output) implements State {}

  /** {@code Error} and {@code Cause} are strings or expressions that must yield strings; either may be null. */
  record FailState(String name, Template error, Template cause) implements State {}

  record ChoiceRule(Expression condition, String next) {}

  /** An entry of {@code Retry}, with Step Functions' defaults already applied. */
  record Retrier(List<String> errorEquals, int intervalSeconds, int maxAttempts, double backoffRate,
      Integer maxDelaySeconds, JitterStrategy jitterStrategy) {}

  enum JitterStrategy { FULL, NONE }

  /** An entry of {@code Catch}; {@code output} null means the error output {@code {Error, Cause}}. */
  record Catcher(List<String> errorEquals, String next, Template output, Map<String, Template> assign) {}

  /** The top level of a definition, or one branch of a Parallel state. */
  record Branch(String startAt, Map<String, State> states) {}
}
