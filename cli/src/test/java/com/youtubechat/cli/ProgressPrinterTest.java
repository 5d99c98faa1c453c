package com.youtubechat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.youtubechat.local.HistoryEvent;
import com.youtubechat.local.HistoryEvent.Type;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** One line per history event, as the execution runs. */
class ProgressPrinterTest {

  private static final String LAMBDA_ERROR = "{\"errorMessage\": \"HTTP 503 from YouTube (watch page)\","
      + " \"errorType\": \"com.youtubechat.shared.error.TransientException\", \"stackTrace\": [\"a.b(C.java:1)\"]}";

  private final StringWriter text = new StringWriter();
  private final ProgressPrinter unicode = new ProgressPrinter(new PrintWriter(text), ProgressPrinter.Symbols.UNICODE);

  private static HistoryEvent event(String state, Type type, Duration duration, String error, String cause, int attempt) {
    return new HistoryEvent(state, type, Instant.EPOCH, duration, error, cause, attempt);
  }

  @Test
  void enteredAndExited_showTheStateAndItsTime() {
    unicode.onEvent(event("Info", Type.ENTERED, null, null, null, 1));
    unicode.onEvent(event("Info", Type.EXITED, Duration.ofMillis(412), null, null, 1));
    unicode.onEvent(event("Transcript", Type.EXITED, Duration.ofMillis(3_456), null, null, 2));
    assertEquals(String.join(System.lineSeparator(), "  ▶ Info", "  ✔ Info             412 ms",
        "  ✔ Transcript       3.5 s (attempt 2)", ""), text.toString());
  }

  @Test
  void retryCaughtAndFailed_showTheErrorsShortNameAndMessage_notTheStackTrace() {
    String error = "com.youtubechat.shared.error.TransientException";
    assertEquals("  ↻ Info             attempt 1 failed: TransientException: HTTP 503 from YouTube (watch page);"
        + " retrying in 2.7 s", unicode.line(event("Info", Type.RETRY, Duration.ofMillis(2_700), error, LAMBDA_ERROR, 1)));
    assertEquals("  ✖ Transcript       failed after 95 ms: NoTranscriptException: only de"
        + " (caught: the branch records the failure and ends)", unicode.line(event("Transcript", Type.CAUGHT,
        Duration.ofMillis(95), "com.youtubechat.shared.error.NoTranscriptException", "only de", 1)));
    assertEquals("  ✖ Failed           Sandbox.Timedout: Task timed out after 60.00 seconds", unicode.line(event("Failed",
        Type.FAILED, Duration.ZERO, "Sandbox.Timedout", "Task timed out after 60.00 seconds", 1)));
    assertEquals("  ■ Embedding        stopped after 1.0 s",
        unicode.line(event("Embedding", Type.ABORTED, Duration.ofSeconds(1), null, null, 1)));
  }

  @Test
  void longMessages_areCut() {
    String line = unicode.line(event("Info", Type.CAUGHT, Duration.ZERO, "X", "y".repeat(500), 1));
    assertEquals(true, line.contains("y".repeat(150) + "...") && !line.contains("y".repeat(160)), line);
  }

  @Test
  void terminalsWithoutUnicode_getAsciiMarks() {
    assertEquals(ProgressPrinter.Symbols.ASCII, ProgressPrinter.Symbols.forCharset(StandardCharsets.US_ASCII));
    assertEquals(ProgressPrinter.Symbols.UNICODE, ProgressPrinter.Symbols.forCharset(StandardCharsets.UTF_8));
    ProgressPrinter ascii = new ProgressPrinter(new PrintWriter(new StringWriter()), ProgressPrinter.Symbols.ASCII);
    assertEquals("  > Info", ascii.line(event("Info", Type.ENTERED, null, null, null, 1)));
    assertEquals("  + Info             1 ms", ascii.line(event("Info", Type.EXITED, Duration.ofMillis(1), null, null, 1)));
  }
}
