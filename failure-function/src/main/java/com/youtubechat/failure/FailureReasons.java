package com.youtubechat.failure;

import com.fasterxml.jackson.databind.JsonNode;
import com.youtubechat.shared.json.Json;
import java.io.IOException;
import java.util.List;

/**
 * Turns Step Functions' error output into a reason a person can read in the web app: the step, the
 * error's short name and its message; no stack trace, at most {@value #MAX_REASON} characters.
 */
final class FailureReasons {

  static final int MAX_REASON = 500;

  private FailureReasons() {}

  static String reason(List<FailureReport.StepFailure> failures) {
    StringBuilder out = new StringBuilder();
    for (FailureReport.StepFailure failure : failures) {
      if (!out.isEmpty()) {
        out.append("; ");
      }
      out.append(failure.step() == null ? "A step" : failure.step()).append(" failed (")
          .append(shortName(failure.error())).append("): ").append(message(failure.cause()));
    }
    String reason = out.isEmpty() ? "The video could not be processed" : out.toString();
    return bounded(reason);
  }

  /**
   * At most {@value #MAX_REASON} characters, without control characters: a NUL would make the
   * database refuse the row (SQLSTATE 22021), a newline would forge a log line.
   */
  static String bounded(String reason) {
    String clean = reason.replaceAll("[\\p{Cntrl}\u2028\u2029]", " ");
    return clean.length() > MAX_REASON ? clean.substring(0, MAX_REASON - 3) + "..." : clean;
  }

  /** Why the safety net marks a video: its execution ended (FAILED, TIMED_OUT, ABORTED) with no outcome recorded. */
  static String endedWithoutOutcome(ExecutionEnded ended) {
    String reason = "Processing ended " + ended.status() + " before its outcome was recorded";
    if (ended.error() != null || ended.cause() != null) {
      reason += " (" + shortName(ended.error()) + "): " + message(ended.cause());
    } else {
      reason += "; send the video again to retry it";
    }
    return bounded(reason);
  }

  /** {@code com.youtubechat.shared.error.NoTranscriptException} reads as {@code NoTranscriptException}. */
  static String shortName(String error) {
    if (error == null || error.isBlank()) {
      return "unknown error";
    }
    boolean javaClass = error.startsWith("com.") || error.startsWith("java.") || error.startsWith("org.");
    return javaClass ? error.substring(error.lastIndexOf('.') + 1) : error;
  }

  /** The Lambda error JSON's {@code errorMessage}, or the cause text, without any stack trace. */
  static String message(String cause) {
    if (cause == null || cause.isBlank()) {
      return "no details were given";
    }
    String text = cause.strip();
    if (text.startsWith("{")) {
      try {
        JsonNode json = Json.MAPPER.readTree(text);
        if (json.hasNonNull("errorMessage")) {
          text = json.get("errorMessage").asText();
        }
      } catch (IOException notJson) {
        // a plain-text cause, used as it is
      }
    }
    int trace = indexOfStackTrace(text);
    if (trace >= 0) {
      text = text.substring(0, trace);
    }
    return text.replaceAll("\\s+", " ").strip();
  }

  private static int indexOfStackTrace(String text) {
    int best = -1;
    for (String marker : new String[] {"\n\tat ", "\n    at ", "\nat ", "\tat "}) {
      int index = text.indexOf(marker);
      if (index >= 0 && (best < 0 || index < best)) {
        best = index;
      }
    }
    return best;
  }
}
