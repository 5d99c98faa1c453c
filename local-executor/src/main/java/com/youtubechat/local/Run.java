package com.youtubechat.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** One execution in progress: its identity, its context object, and its history. */
final class Run {

  private static final System.Logger LOG = System.getLogger(Run.class.getName());
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  final String executionArn;
  final String name;
  final JsonNode input;
  final Instant startTime;
  private final String stateMachineArn;
  private final String stateMachineName;
  private final Clock clock;
  private final ExecutionListener listener;
  private final List<HistoryEvent> history = new ArrayList<>();

  Run(String stateMachineName, String stateMachineArn, String name, JsonNode input, Clock clock,
      ExecutionListener listener) {
    this.stateMachineName = stateMachineName;
    this.stateMachineArn = stateMachineArn;
    this.name = name;
    this.executionArn = stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + name;
    this.input = input;
    this.clock = clock;
    this.listener = listener;
    this.startTime = clock.instant();
  }

  Instant now() {
    return clock.instant();
  }

  /** {@code $states.context}: the Execution, State and StateMachine objects of the context object. */
  JsonNode context(String state, Instant entered, int retryCount) {
    ObjectNode context = JsonNodeFactory.instance.objectNode();
    ObjectNode execution = context.putObject("Execution");
    execution.put("Id", executionArn);
    execution.set("Input", input);
    execution.put("Name", name);
    execution.put("StartTime", TIMESTAMP.format(startTime));
    execution.put("RedriveCount", 0);
    ObjectNode stateNode = context.putObject("State");
    stateNode.put("EnteredTime", TIMESTAMP.format(entered));
    stateNode.put("Name", state);
    stateNode.put("RetryCount", retryCount);
    ObjectNode stateMachine = context.putObject("StateMachine");
    stateMachine.put("Id", stateMachineArn);
    stateMachine.put("Name", stateMachineName);
    return context;
  }

  void record(String state, HistoryEvent.Type type, Duration duration, String error, String cause, int attempt) {
    HistoryEvent event = new HistoryEvent(state, type, clock.instant(), duration, error, cause, attempt);
    synchronized (history) {
      history.add(event);
    }
    try {
      listener.onEvent(event);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "the execution listener failed on " + event, e);
    }
  }

  List<HistoryEvent> history() {
    synchronized (history) {
      return List.copyOf(history);
    }
  }
}
