package com.youtubechat.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.youtubechat.shared.json.Json;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/** The listing {@code status} prints: one line per execution, the error and cause under a failed one. */
final class ExecutionReport {

  static final String HEADER = String.format(Locale.ROOT, "%-10s %-20s %-14s %s", "STATUS", "STARTED (UTC)", "DURATION", "EXECUTION");
  private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final int CAUSE_LIMIT = 2_000;
  private static final String INDENT = " ".repeat(11);

  private ExecutionReport() {}

  static void print(PrintWriter out, List<ExecutionInfo> executions, Instant now, boolean full) {
    out.println(HEADER);
    for (ExecutionInfo execution : executions) {
      String duration = duration(execution.duration(now)) + (execution.running() ? " so far" : "");
      out.println(String.format(Locale.ROOT, "%-10s %-20s %-14s %s", execution.status(),
          STARTED.format(execution.start()), duration, execution.arn()));
      execution.error().ifPresent(error -> out.println(INDENT + "error: " + error));
      execution.cause().ifPresent(cause -> out.println(INDENT + "cause: " + readableCause(cause, full)
          .replaceAll("\\R", System.lineSeparator() + INDENT + "       ")));
    }
  }

  /**
   * A Lambda error's cause is its JSON error object: show its message (the stack trace is in the
   * function's logs). Anything else as it is, cut at 2,000 characters unless {@code full}.
   */
  static String readableCause(String cause, boolean full) {
    String text = cause.strip();
    if (text.startsWith("{")) {
      try {
        JsonNode node = Json.MAPPER.readTree(text);
        if (node.hasNonNull("errorMessage")) {
          text = node.get("errorMessage").asText();
        }
      } catch (Exception notJson) {
        // shown as it is
      }
    }
    if (!full && text.length() > CAUSE_LIMIT) {
      return text.substring(0, CAUSE_LIMIT) + "… (" + (text.length() - CAUSE_LIMIT) + " more characters; --verbose shows all)";
    }
    return text;
  }

  /** 850 ms, 12.3 s, 4 min 05 s, 2 h 03 min. */
  static String duration(Duration duration) {
    long millis = Math.max(0, duration.toMillis());
    if (millis < 1_000) {
      return millis + " ms";
    }
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    long seconds = duration.truncatedTo(ChronoUnit.SECONDS).toSeconds();
    if (seconds < 3_600) {
      return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", seconds / 3_600, (seconds % 3_600) / 60);
  }
}
