package com.youtubechat.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.youtubechat.local.Execution;
import com.youtubechat.local.HandlerTaskInvoker;
import com.youtubechat.local.HistoryEvent;
import com.youtubechat.local.LocalStateMachine;
import com.youtubechat.local.Sleeper;
import com.youtubechat.local.asl.State;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@code demo} and {@code run} share: the project's state machine run in this JVM by the
 * local executor, each Lambda task by the function's real handler, retries really waited for, and
 * the progress printed as it happens.
 */
final class LocalPipeline {

  /** A finished execution and how long each task state took (in the order they started). */
  record Outcome(Execution execution, Map<String, StepTime> steps) {

    Duration duration() {
      return Duration.between(execution.startDate(), execution.stopDate());
    }
  }

  /** A task state's time from entering to leaving (retries and their waits included), and its attempts. */
  record StepTime(Duration duration, int attempts) {}

  private LocalPipeline() {}

  /**
   * Runs the event (it must match the template's EventBridge rule, as in AWS) with handlers that
   * all see {@code environment} (including variables the template does not declare: the base-URL
   * overrides, timeouts and chunking settings).
   */
  static Outcome run(CliContext context, ProjectFiles project, Map<String, String> environment, JsonNode event) {
    HandlerTaskInvoker handlers = HandlerTaskInvoker.builder().environment(environment).passUndeclaredVariables()
        .build();
    ProgressPrinter progress = new ProgressPrinter(context.out(), ProgressPrinter.Symbols.forCharset(context.charset()));
    LocalStateMachine machine = LocalStateMachine.builderFromProject(project.root())
        .invoker(handlers).sleeper(Sleeper.real()).listener(progress).build();
    Set<String> tasks = machine.definition().tasks().stream().map(State::name).collect(Collectors.toSet());
    Execution execution = machine.start(event);
    return new Outcome(execution, stepTimes(execution, tasks));
  }

  static Map<String, StepTime> stepTimes(Execution execution, Set<String> tasks) {
    Map<String, StepTime> steps = new LinkedHashMap<>();
    for (HistoryEvent event : execution.history()) {
      if (!tasks.contains(event.state())) {
        continue;
      }
      switch (event.type()) {
        case ENTERED -> steps.putIfAbsent(event.state(), null); // keeps the starting order
        case RETRY -> { }
        default -> steps.put(event.state(), new StepTime(event.duration(), event.attempt()));
      }
    }
    steps.values().removeIf(java.util.Objects::isNull);
    return steps;
  }
}
