package com.youtubechat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExecutionReportTest {

  @Test
  void duration_readableAtEveryScale() {
    assertEquals("850 ms", ExecutionReport.duration(Duration.ofMillis(850)));
    assertEquals("12.3 s", ExecutionReport.duration(Duration.ofMillis(12_340)));
    assertEquals("4 min 05 s", ExecutionReport.duration(Duration.ofSeconds(245)));
    assertEquals("2 h 03 min", ExecutionReport.duration(Duration.ofMinutes(123)));
  }

  @Test
  void duration_everyUnit_isAcceptedByTheTestsDurationPattern() {
    for (long millis : new long[] {0, 999, 1_000, 59_949, 59_999, 60_000, 3_599_999, 3_600_000, 90_000_000}) {
      String printed = ExecutionReport.duration(Duration.ofMillis(millis));
      assertTrue(printed.matches(DemoCommandTest.DURATION), millis + " ms printed as " + printed);
    }
  }

  @Test
  void readableCause_lambdaErrorObject_showsItsMessage() {
    String cause = "{\"errorMessage\": \"YouTube has no watch page for video x (HTTP 404)\","
        + " \"errorType\": \"com.youtubechat.shared.error.VideoUnavailableException\", \"stackTrace\": [\"a\", \"b\"]}";
    assertEquals("YouTube has no watch page for video x (HTTP 404)", ExecutionReport.readableCause(cause, false));
  }

  @Test
  void readableCause_long_isCutUnlessFull() {
    String cause = "x".repeat(2_500);
    assertTrue(ExecutionReport.readableCause(cause, false).endsWith("… (500 more characters; --verbose shows all)"));
    assertEquals(cause, ExecutionReport.readableCause(cause, true));
  }

  @Test
  void print_failedExecution_indentsErrorAndMultiLineCause() {
    Instant start = Instant.parse("2026-01-15T10:24:31Z");
    ExecutionInfo failed = new ExecutionInfo("arn:aws:states:us-east-1:123456789012:execution:sm:e1", "e1", "FAILED",
        start, Optional.of(start.plusMillis(12_340)), ExecutionInfo.detail("{}"),
        Optional.of("States.TaskFailed"), Optional.of("first line\nsecond line"));
    StringWriter text = new StringWriter();
    ExecutionReport.print(new PrintWriter(text, true), List.of(failed), start.plusSeconds(60), false);
    assertEquals(List.of(
        ExecutionReport.HEADER,
        "FAILED     2026-01-15 10:24:31  12.3 s         arn:aws:states:us-east-1:123456789012:execution:sm:e1",
        "           error: States.TaskFailed",
        "           cause: first line",
        "                  second line"), text.toString().lines().toList());
  }

  @Test
  void detail_ofAnEventOrABareRecord() {
    assertEquals("rec_1", ExecutionInfo.detail("{\"detail\": {\"id\": \"rec_1\"}}").path("id").asText());
    assertEquals("rec_2", ExecutionInfo.detail("{\"id\": \"rec_2\"}").path("id").asText());
    assertTrue(ExecutionInfo.detail("not json").isMissingNode());
  }
}
