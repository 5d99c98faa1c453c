package com.youtubechat.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.youtubechat.shared.error.TransientException;
import com.youtubechat.shared.json.Json;
import com.youtubechat.emulators.PusherEmulator;
import com.youtubechat.shared.testing.TestContext;
import com.youtubechat.shared.testing.TestDatabase;
import com.youtubechat.shared.xata.XataConnection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The failure recorder end to end: a real PostgreSQL and the Pusher emulator. */
class FailureHandlerTest {

  private static final String VIDEO = "rec_failed";
  /** The Cause Step Functions hands over for a Lambda error: the runtime's error JSON, stack trace included. */
  private static final String LAMBDA_CAUSE = "{\"errorMessage\":\"YouTube video dQw4w9WgXcQ has no captions in [en]"
      + " and none that YouTube can translate into 'en'.\",\"errorType\":\"com.youtubechat.shared.error."
      + "NoTranscriptException\",\"stackTrace\":[\"com.youtubechat.shared.youtube.TrackChoice.choose(TrackChoice.java:52)\","
      + "\"com.youtubechat.shared.youtube.CaptionClient.fetch(CaptionClient.java:40)\"]}";

  private final PusherEmulator pusher = new PusherEmulator();
  private XataConnection database;

  @BeforeEach
  void setUp() {
    database = TestDatabase.fresh();
  }

  @AfterEach
  void tearDown() {
    pusher.close();
    if (database != null) { // null when the database tests were skipped
      database.close();
    }
  }

  private JsonNode invoke(String json) throws IOException {
    Map<String, String> env = new HashMap<>(pusher.environment());
    env.put("XATA_DB_URL", TestDatabase.url());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new FailureHandler(env).handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out,
        new TestContext());
    return Json.MAPPER.readTree(out.toByteArray());
  }

  private static String report(String videoId, String step, String error, String cause) {
    return Json.write(Map.of("videoId", videoId, "failures", List.of(Map.of("step", step, "error", error, "cause", cause))));
  }

  @Test
  void transcriptFailure_marksTheRowFailedWithAReadableReasonAndTellsTheWebApp() throws Exception {
    TestDatabase.insertVideo(database, VIDEO, "dQw4w9WgXcQ", null);

    JsonNode output = invoke(report(VIDEO, "Transcript", "com.youtubechat.shared.error.NoTranscriptException",
        LAMBDA_CAUSE));

    String expected = "Transcript failed (NoTranscriptException): YouTube video dQw4w9WgXcQ has no captions in [en]"
        + " and none that YouTube can translate into 'en'.";
    Map<String, Object> row = TestDatabase.video(database, VIDEO).orElseThrow();
    assertEquals("failed", row.get("status"));
    assertEquals(expected, row.get("error"));
    assertEquals("com.youtubechat.shared.error.NoTranscriptException", output.get("error").asText());
    assertEquals(expected, output.get("cause").asText());
    assertTrue(output.get("recorded").asBoolean());

    // The web app hears a code and the project's sentence for it; the reason stays in the row.
    assertEquals(Json.MAPPER.readTree("{\"id\":\"" + VIDEO + "\",\"status\":\"failed\",\"reason\":\"no_captions\","
        + "\"error\":\"" + PublicReason.NO_CAPTIONS.message() + "\"}"), pusher.events().get(0).data());
  }

  @Test
  void lambdaTimeout_isReadableToo() throws Exception {
    TestDatabase.insertVideo(database, VIDEO, "dQw4w9WgXcQ", null);
    invoke(report(VIDEO, "Embedding", "Sandbox.Timedout", "Task timed out after 300.00 seconds"));
    assertEquals("Embedding failed (Sandbox.Timedout): Task timed out after 300.00 seconds",
        TestDatabase.video(database, VIDEO).orElseThrow().get("error"));
  }

  @Test
  void plainCauseWithAStackTrace_losesTheTrace() {
    String cause = "java.lang.IllegalStateException: boom\n\tat com.example.A.b(A.java:1)\n\tat com.example.C.d(C.java:2)";
    assertEquals("java.lang.IllegalStateException: boom", FailureReasons.message(cause));
  }

  @Test
  void twoFailures_areBothNamed() {
    assertEquals("Info failed (TransientException): busy; Transcript failed (States.Timeout): slow",
        FailureReasons.reason(List.of(
            new FailureReport.StepFailure("Info", "com.youtubechat.shared.error.TransientException", "busy"),
            new FailureReport.StepFailure("Transcript", "States.Timeout", "slow"))));
  }

  @Test
  void longReason_isBounded() {
    String reason = FailureReasons.reason(List.of(
        new FailureReport.StepFailure("Info", "com.youtubechat.shared.error.TransientException", "x".repeat(900))));
    assertEquals(FailureReasons.MAX_REASON, reason.length());
    assertTrue(reason.startsWith("Info failed (TransientException): xxx") && reason.endsWith("..."), reason);
  }

  @Test
  void hugeErrorName_isReturnedBounded_soTheExecutionsErrorStaysSmall() throws Exception {
    JsonNode summary = invoke(report(VIDEO, "Info", "E\n".repeat(500_000), "{\"errorMessage\":\"m\"}"));

    String error = summary.path("error").asText();
    assertTrue(error.length() <= FailureService.MAX_ERROR_NAME, "error of " + error.length() + " characters");
    assertFalse(error.contains("\n"), error);
  }

  @Test
  void causeWithNulAndNewlines_isRecordedCleaned() throws Exception {
    TestDatabase.insertVideo(database, VIDEO, "dQw4w9WgXcQ", null);

    invoke(report(VIDEO, "Info", "com.example.E", "{\"errorMessage\":\"bad \\u0000 byte\\nforged: line\"}"));

    String reason = String.valueOf(TestDatabase.video(database, VIDEO).orElseThrow().get("error"));
    assertEquals("Info failed (E): bad   byte forged: line", reason);
  }

  @Test
  void nullFailureEntry_isANamedInputError() {
    TestDatabase.insertVideo(database, VIDEO, "dQw4w9WgXcQ", null);
    var e = assertThrows(com.youtubechat.shared.error.InvalidInputException.class,
        () -> invoke("{\"videoId\":\"" + VIDEO + "\",\"failures\":[null]}"));
    assertTrue(e.getMessage().contains("null entry"), e.getMessage());
    assertEquals("pending", TestDatabase.video(database, VIDEO).orElseThrow().get("status"));
  }

  @Test
  void missingRow_isReportedNotRecorded() throws Exception {
    JsonNode output = invoke(report("rec_missing", "Info", "com.youtubechat.shared.error.VideoRecordNotFoundException",
        "{\"errorMessage\":\"There is no row\"}"));
    assertFalse(output.get("recorded").asBoolean());
    assertEquals(0, pusher.requestCount());
  }

  @Test
  void pusherDown_keepsTheRowWrittenAndIsRetryable() {
    TestDatabase.insertVideo(database, VIDEO, "dQw4w9WgXcQ", null);
    pusher.failNext(503, 1);
    assertThrows(TransientException.class, () -> invoke(report(VIDEO, "Info",
        "com.youtubechat.shared.error.VideoUnavailableException", "{\"errorMessage\":\"gone\"}")));
    assertEquals("failed", TestDatabase.video(database, VIDEO).orElseThrow().get("status"));
  }

  @Test
  void lateFailureOfAnOlderExecution_leavesTheReadyRowAndSendsNothingButLogsIt() throws Exception {
    TestDatabase.insertVideo(database, VIDEO, "dQw4w9WgXcQ", null);
    // A re-run has made the row ready before this older execution's failure arrives.
    TestDatabase.execute(database, "UPDATE videos SET chat_enabled = true, status = 'ready' WHERE id = '" + VIDEO + "'");
    List<LogRecord> logged = new ArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        logged.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger logger = Logger.getLogger(FailureService.class.getName());
    logger.addHandler(capture);
    JsonNode output;
    try {
      output = invoke(report(VIDEO, "Transcript", "com.youtubechat.shared.error.NoTranscriptException", LAMBDA_CAUSE));
    } finally {
      logger.removeHandler(capture);
    }

    Map<String, Object> row = TestDatabase.video(database, VIDEO).orElseThrow();
    assertEquals("ready", row.get("status"));
    assertEquals(true, row.get("chat_enabled"));
    assertEquals(null, row.get("error"));
    assertEquals(0, pusher.requestCount(), "no failed event for a video whose chat works");
    assertFalse(output.get("recorded").asBoolean());
    assertEquals("com.youtubechat.shared.error.NoTranscriptException", output.get("error").asText(),
        "the execution still fails with its own error");
    assertTrue(logged.stream().anyMatch(record -> record.getLevel() == Level.WARNING
        && String.valueOf(record.getParameters()[0]).equals(VIDEO) && record.getMessage().contains("ready")),
        "the refusal is logged");
  }
}
