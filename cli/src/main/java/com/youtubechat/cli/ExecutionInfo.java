package com.youtubechat.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.youtubechat.shared.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

/** One execution as {@code status} shows it. */
record ExecutionInfo(String arn, String name, String status, Instant start, Optional<Instant> stop,
    JsonNode detail, Optional<String> error, Optional<String> cause) {

  static ExecutionInfo of(DescribeExecutionResponse described) {
    return new ExecutionInfo(described.executionArn(), described.name(), described.statusAsString(),
        described.startDate(), Optional.ofNullable(described.stopDate()), detail(described.input()),
        Optional.ofNullable(described.error()), Optional.ofNullable(described.cause()));
  }

  boolean running() {
    return "RUNNING".equals(status) || "PENDING_REDRIVE".equals(status);
  }

  /** From start to stop, or to {@code now} while it runs. */
  Duration duration(Instant now) {
    return Duration.between(start, stop.orElse(now));
  }

  /**
   * The video record in the input: the EventBridge event's {@code detail}, or the input itself when
   * it is the bare record (an execution started by hand).
   */
  static JsonNode detail(String input) {
    if (input == null || input.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      JsonNode node = Json.MAPPER.readTree(input);
      if (node == null || !node.isObject()) {
        return MissingNode.getInstance();
      }
      return node.path("detail").isObject() ? node.get("detail") : node;
    } catch (Exception unreadable) {
      return MissingNode.getInstance();
    }
  }
}
