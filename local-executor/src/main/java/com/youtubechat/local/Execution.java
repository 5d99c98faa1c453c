package com.youtubechat.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * A finished execution: its status, output (SUCCEEDED) or error and cause (FAILED), and the history
 * of every state it ran, in the order the events happened.
 */
public record Execution(String executionArn, String name, ExecutionStatus status, JsonNode input,
    JsonNode output, String error, String cause, Instant startDate, Instant stopDate,
    List<HistoryEvent> history) {

  public Execution {
    history = List.copyOf(history);
  }

  public boolean succeeded() {
    return status == ExecutionStatus.SUCCEEDED;
  }

  /** The events of one state, in order. */
  public List<HistoryEvent> eventsOf(String state) {
    return history.stream().filter(event -> event.state().equals(state)).toList();
  }

  /** Whether the state was entered at least once. */
  public boolean ran(String state) {
    return history.stream().anyMatch(e -> e.state().equals(state) && e.type() == HistoryEvent.Type.ENTERED);
  }
}
