package com.youtubechat.failure;

import com.fasterxml.jackson.databind.JsonNode;
import com.youtubechat.shared.error.InvalidInputException;
import com.youtubechat.shared.json.Json;
import java.io.IOException;

/**
 * An execution of the state machine that ended without succeeding, read from EventBridge's "Step
 * Functions Execution Status Change" event: its name, status (FAILED, TIMED_OUT or ABORTED), error
 * and cause when it failed, and the video id from its input (the web app's insert event).
 */
record ExecutionEnded(String executionName, String status, String error, String cause, String videoId) {

  /** Parses the event; a body that is not such an event is an {@link InvalidInputException}. */
  static ExecutionEnded parse(String eventJson) {
    JsonNode event;
    try {
      event = Json.MAPPER.readTree(eventJson == null ? "" : eventJson);
    } catch (IOException e) {
      throw new InvalidInputException("The message is not JSON: " + e.getMessage(), e);
    }
    JsonNode detail = event == null ? null : event.path("detail");
    if (detail == null || !detail.hasNonNull("status")) {
      throw new InvalidInputException("The message is not a Step Functions Execution Status Change event (no detail.status)");
    }
    return new ExecutionEnded(text(detail, "name"), text(detail, "status"), text(detail, "error"),
        text(detail, "cause"), videoId(detail));
  }

  /** The id of the video row, from the execution's input: the insert event, whose detail is the row. */
  private static String videoId(JsonNode detail) {
    String input = text(detail, "input");
    if (input == null) {
      return null;
    }
    try {
      JsonNode id = Json.MAPPER.readTree(input).path("detail").path("id");
      return id.isTextual() && !id.asText().isBlank() ? id.asText() : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isValueNode() && !value.isNull() ? value.asText() : null;
  }
}
