package com.youtubechat.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.youtubechat.emulators.PusherEmulator;
import com.youtubechat.shared.error.InvalidInputException;
import com.youtubechat.shared.json.Json;
import com.youtubechat.shared.testing.TestContext;
import com.youtubechat.shared.testing.TestDatabase;
import com.youtubechat.shared.xata.XataConnection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The safety net end to end: SQS batches of execution status changes, a real PostgreSQL, the Pusher emulator. */
class ExecutionEndedHandlerTest {

  /** The row of the sample insert event that events/execution-ended.json carries as the execution's input. */
  private static final String VIDEO = "rec_cu5q2pd0h8v1k9e7g3ma";
  private static final Path SAMPLE = Path.of("..", "events", "execution-ended.json");

  private final PusherEmulator pusher = new PusherEmulator();
  private XataConnection database;

  @BeforeEach
  void setUp() {
    database = TestDatabase.fresh();
  }

  @AfterEach
  void tearDown() {
    pusher.close();
    if (database != null) {
      database.close();
    }
  }

  private JsonNode invoke(String sqsEvent, String databaseUrl) throws IOException {
    Map<String, String> env = new HashMap<>(pusher.environment());
    env.put("XATA_DB_URL", databaseUrl);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ExecutionEndedHandler(env).handleRequest(new ByteArrayInputStream(sqsEvent.getBytes(StandardCharsets.UTF_8)),
        out, new TestContext());
    return Json.MAPPER.readTree(out.toByteArray());
  }

  private JsonNode invoke(String sqsEvent) throws IOException {
    return invoke(sqsEvent, TestDatabase.url());
  }

  /** An SQS batch with one message per status change, message ids m0, m1, ... */
  private static String batch(String... bodies) {
    ObjectNode event = Json.MAPPER.createObjectNode();
    var records = event.putArray("Records");
    for (int i = 0; i < bodies.length; i++) {
      records.addObject().put("messageId", "m" + i).put("body", bodies[i]).put("eventSource", "aws:sqs");
    }
    return event.toString();
  }

  /** EventBridge's status change event for an execution of the insert event of {@code videoId}. */
  private static String statusChange(String videoId, String status, String error, String cause) {
    ObjectNode insert = Json.MAPPER.createObjectNode().put("source", "custom.youtubeChat").put("detail-type", "insert");
    insert.putObject("detail").put("id", videoId).put("youtubeId", "dQw4w9WgXcQ");
    ObjectNode event = Json.MAPPER.createObjectNode().put("source", "aws.states")
        .put("detail-type", "Step Functions Execution Status Change");
    event.putObject("detail").put("name", "exec-1").put("status", status).put("input", insert.toString())
        .put("error", error).put("cause", cause);
    return event.toString();
  }

  private static List<String> failedItems(JsonNode output) {
    return output.path("batchItemFailures").findValuesAsText("itemIdentifier");
  }

  @Test
  void sampleAbortedExecution_marksThePendingRowFailedAndTellsTheWebApp() throws Exception {
    TestDatabase.insertVideo(database, VIDEO, "dQw4w9WgXcQ", null);

    JsonNode output = invoke(Files.readString(SAMPLE));

    assertEquals(List.of(), failedItems(output));
    Map<String, Object> row = TestDatabase.video(database, VIDEO).orElseThrow();
    assertEquals("failed", row.get("status"));
    assertEquals("Processing ended ABORTED before its outcome was recorded; send the video again to retry it",
        row.get("error"));
    assertEquals(1, pusher.events().size(), pusher.rejections().toString());
    assertEquals(Json.MAPPER.readTree("{\"id\":\"" + VIDEO + "\",\"status\":\"failed\",\"reason\":\"aborted\","
        + "\"error\":\"" + PublicReason.ABORTED.message() + "\"}"), pusher.events().get(0).data());
  }

  @Test
  void failedExecution_givesTheReadableReasonOfItsError() throws Exception {
    TestDatabase.insertVideo(database, VIDEO, "dQw4w9WgXcQ", null);
    String cause = "{\"errorMessage\":\"Database busy: every connection slot is taken\",\"errorType\":\"x\","
        + "\"stackTrace\":[\"a.b(C.java:1)\"]}";

    invoke(batch(statusChange(VIDEO, "FAILED", "com.youtubechat.shared.error.DatabaseBusyException", cause)));

    assertEquals("Processing ended FAILED before its outcome was recorded (DatabaseBusyException): Database busy:"
        + " every connection slot is taken", TestDatabase.video(database, VIDEO).orElseThrow().get("error"));
  }

  @Test
  void outcomeAlreadyRecorded_isLeftAsItIsAndNothingIsSent() throws Exception {
    TestDatabase.insertVideo(database, VIDEO, "dQw4w9WgXcQ", null);
    TestDatabase.insertVideo(database, "rec_ready", "dQw4w9WgXcQ", null);
    TestDatabase.execute(database, "UPDATE videos SET status = 'failed', error = 'Transcript failed (x): y' WHERE id = '"
        + VIDEO + "'");
    TestDatabase.execute(database, "UPDATE videos SET status = 'ready', chat_enabled = true WHERE id = 'rec_ready'");

    JsonNode output = invoke(batch(statusChange(VIDEO, "FAILED", "x", "y"), statusChange("rec_ready", "ABORTED", null, null)));

    assertEquals(List.of(), failedItems(output));
    assertEquals("Transcript failed (x): y", TestDatabase.video(database, VIDEO).orElseThrow().get("error"),
        "RecordFailure's reason is kept");
    assertEquals("ready", TestDatabase.video(database, "rec_ready").orElseThrow().get("status"),
        "a video that a later execution made ready stays ready");
    assertEquals(0, pusher.requestCount());
  }

  @Test
  void databaseWithoutAFreeConnection_sendsTheMessageBackForLater() throws Exception {
    TestDatabase.insertVideo(database, VIDEO, "dQw4w9WgXcQ", null);
    String noSlots = TestDatabase.urlOfRoleWithConnectionLimit(database, "ytc_no_slots", 0);

    JsonNode output = invoke(batch(statusChange(VIDEO, "ABORTED", null, null)), noSlots);

    assertEquals(List.of("m0"), failedItems(output), "SQS delivers it again after the visibility timeout");
    assertEquals("pending", TestDatabase.video(database, VIDEO).orElseThrow().get("status"));
    assertEquals(0, pusher.requestCount());

    JsonNode later = invoke(batch(statusChange(VIDEO, "ABORTED", null, null)));

    assertEquals(List.of(), failedItems(later));
    assertEquals("failed", TestDatabase.video(database, VIDEO).orElseThrow().get("status"));
    assertEquals(1, pusher.events().size());
  }

  @Test
  void pusherDownAfterTheRowWasMarked_isTriedAgainAndSentOnce() throws Exception {
    TestDatabase.insertVideo(database, VIDEO, "dQw4w9WgXcQ", null);
    pusher.failNext(503, 1);

    JsonNode first = invoke(batch(statusChange(VIDEO, "TIMED_OUT", null, null)));
    JsonNode second = invoke(batch(statusChange(VIDEO, "TIMED_OUT", null, null)));

    assertEquals(List.of("m0"), failedItems(first));
    assertEquals(List.of(), failedItems(second));
    assertEquals(1, pusher.events().size(), "sent by the second delivery");
    assertEquals("failed", pusher.events().get(0).data().get("status").asText());
  }

  @Test
  void messagesThatAreNotStatusChanges_areDroppedWithoutHoldingBackTheOthers() throws Exception {
    TestDatabase.insertVideo(database, VIDEO, "dQw4w9WgXcQ", null);

    JsonNode output = invoke(batch("not json", "{\"detail\":{}}", statusChange(null, "ABORTED", null, null),
        statusChange("rec_no_such_row", "ABORTED", null, null), statusChange(VIDEO, "ABORTED", null, null)));

    assertEquals(List.of(), failedItems(output), "nothing to retry: none of these can ever be recorded");
    assertEquals("failed", TestDatabase.video(database, VIDEO).orElseThrow().get("status"));
    assertEquals(1, pusher.events().size());
  }

  @Test
  void nullRecordInTheBatch_isANamedInputErrorAndNothingIsRecorded() {
    TestDatabase.insertVideo(database, VIDEO, "dQw4w9WgXcQ", null);
    String records = "{\"Records\":[{\"messageId\":\"m0\",\"body\":" + Json.MAPPER.valueToTree(
        statusChange(VIDEO, "ABORTED", null, null)) + "},null]}";

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> invoke(records));

    assertTrue(e.getMessage().contains("null entry"), e.getMessage());
    assertEquals("pending", TestDatabase.video(database, VIDEO).orElseThrow().get("status"));
    assertEquals(0, pusher.requestCount());
  }
}
