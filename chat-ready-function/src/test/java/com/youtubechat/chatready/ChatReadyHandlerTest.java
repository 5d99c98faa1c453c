package com.youtubechat.chatready;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.youtubechat.shared.pusher.PusherSettings;
import com.youtubechat.emulators.Fault;
import com.youtubechat.emulators.PusherEmulator;
import com.youtubechat.shared.error.ChatNotEnabledException;
import com.youtubechat.shared.error.ConfigurationException;
import com.youtubechat.shared.error.DatabaseBusyException;
import com.youtubechat.shared.error.InvalidInputException;
import com.youtubechat.shared.error.PusherRejectedException;
import com.youtubechat.shared.error.TransientException;
import com.youtubechat.shared.error.VideoRecordNotFoundException;
import com.youtubechat.shared.json.Json;
import com.youtubechat.shared.testing.Connections;
import com.youtubechat.shared.testing.TestContext;
import com.youtubechat.shared.testing.TestDatabase;
import com.youtubechat.shared.xata.XataConnection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ChatReady handler against the Pusher emulator, which checks each request's signature, and a
 * real PostgreSQL, whose row decides whether chat-ready may be sent.
 */
class ChatReadyHandlerTest {

  private static final String VIDEO = "rec_cthqp4kmj0ph6g3h8o70";
  /** What the state machine passes: the Transcript summary merged with the Embedding result. */
  private static final String EMBEDDING_OUTPUT = "{\"videoId\":\"" + VIDEO + "\",\"youtubeId\":\"dQw4w9WgXcQ\","
      + "\"language\":\"en\",\"chunkCount\":3,\"embeddingCount\":3,\"cohereCalls\":1,\"chatEnabled\":true}";

  private final PusherEmulator pusher = new PusherEmulator();
  private XataConnection database;

  @BeforeEach
  void setUp() {
    database = TestDatabase.fresh();
    TestDatabase.insertVideo(database, VIDEO, "dQw4w9WgXcQ", null);
    makeReady(VIDEO);
  }

  @AfterEach
  void tearDown() {
    pusher.close();
    if (database != null) { // null when the database tests were skipped
      database.close();
    }
  }

  /** What the Embedding step's transaction leaves: chat enabled and status ready. */
  private void makeReady(String videoId) {
    TestDatabase.execute(database, "UPDATE videos SET chat_enabled = true, status = 'ready' WHERE id = '" + videoId + "'");
  }


  private JsonNode invoke(String json, Map<String, String> extra) throws IOException {
    Map<String, String> env = new HashMap<>(pusher.environment());
    env.put("XATA_DB_URL", TestDatabase.url());
    env.putAll(extra);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ChatReadyHandler(env).handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out,
        new TestContext());
    return Json.MAPPER.readTree(out.toByteArray());
  }

  @Test
  void embeddingOutput_sendsChatReadyOnTheVideoChatChannel() throws Exception {
    JsonNode output = invoke(EMBEDDING_OUTPUT, Map.of());

    assertEquals(1, pusher.events().size(), pusher.rejections().toString());
    PusherEmulator.Event event = pusher.events().get(0);
    assertEquals("video-chat", event.channel());
    assertEquals("video-details", event.name());
    assertEquals(Json.MAPPER.readTree("{\"id\":\"" + VIDEO + "\",\"chatEnabled\":true,\"status\":\"ready\"}"),
        event.data(), "only what changed, encoded once: " + event.rawData());
    assertEquals(VIDEO, output.get("videoId").asText());
    assertTrue(output.get("chatEnabled").asBoolean());
    assertEquals("ready", output.get("status").asText());
  }

  @Test
  void rowNotChatEnabled_isChatNotEnabledAndSendsNothing() {
    TestDatabase.insertVideo(database, "rec_pending", "dQw4w9WgXcQ", null);

    ChatNotEnabledException e = assertThrows(ChatNotEnabledException.class,
        () -> invoke("{\"videoId\":\"rec_pending\",\"chatEnabled\":true}", Map.of()));

    assertTrue(e.getMessage().contains("rec_pending") && e.getMessage().contains("'pending'"), e.getMessage());
    assertEquals(0, pusher.requestCount(), "the input's chatEnabled is not taken on trust");
  }

  @Test
  void failedRowStillChatEnabled_isNotAnnouncedReady() {
    TestDatabase.execute(database, "UPDATE videos SET status = 'failed' WHERE id = '" + VIDEO + "'");

    assertThrows(ChatNotEnabledException.class, () -> invoke(EMBEDDING_OUTPUT, Map.of()));

    assertEquals(0, pusher.requestCount());
  }

  @Test
  void missingRow_isRecordNotFoundAndSendsNothing_alsoForInfosEvent() {
    assertThrows(VideoRecordNotFoundException.class,
        () -> invoke("{\"videoId\":\"rec_missing\",\"chatEnabled\":true}", Map.of()));
    assertThrows(VideoRecordNotFoundException.class,
        () -> invoke("{\"videoId\":\"rec_missing\",\"details\":{\"id\":\"rec_missing\",\"title\":\"x\"}}", Map.of()));

    assertEquals(0, pusher.requestCount());
  }

  @Test
  void everyOutcome_leavesNoConnectionOpen() throws Exception {
    TestDatabase.insertVideo(database, "rec_pending", "dQw4w9WgXcQ", null);
    var start = Connections.now(database);
    Duration patience = Duration.ofSeconds(30); // a closed session may be listed until its server process exits

    invoke(EMBEDDING_OUTPUT, Map.of());
    assertEquals(0, Connections.awaitOpenedSince(database, start, 0, patience), "after a sent event");
    assertThrows(ChatNotEnabledException.class, () -> invoke("{\"videoId\":\"rec_pending\"}", Map.of()));
    assertEquals(0, Connections.awaitOpenedSince(database, start, 0, patience), "after a refused one");
    pusher.failNext(500, 1);
    assertThrows(TransientException.class, () -> invoke(EMBEDDING_OUTPUT, Map.of()));
    assertEquals(0, Connections.awaitOpenedSince(database, start, 0, patience), "after a Pusher failure");
  }

  @Test
  void databaseWithoutAFreeConnection_isDatabaseBusyAndSendsNothing() {
    String noSlots = TestDatabase.urlOfRoleWithConnectionLimit(database, "ytc_no_slots", 0);

    assertThrows(DatabaseBusyException.class, () -> invoke(EMBEDDING_OUTPUT, Map.of("XATA_DB_URL", noSlots)));

    assertEquals(0, pusher.requestCount());
  }

  @Test
  void infoOutput_sendsItsMetadataEvent_trimmedToPushersLimit() throws Exception {
    TestDatabase.execute(database, "UPDATE videos SET chat_enabled = false, status = 'pending' WHERE id = '" + VIDEO + "'");
    String description = "🎶 Ünïcödé 漢字 عربى! ".repeat(250); // 5,000 characters, mostly multibyte
    ObjectNode details = Json.MAPPER.createObjectNode().put("id", VIDEO).put("title", "🎸 أغنية — שיר")
        .put("author", "Rick Astley").put("length", 213).put("description", description);
    ObjectNode infoOutput = Json.MAPPER.createObjectNode().put("videoId", VIDEO).put("youtubeId", "dQw4w9WgXcQ")
        .put("title", "🎸 أغنية — שיר").put("lengthSeconds", 213);
    infoOutput.set("details", details);

    JsonNode output = invoke(infoOutput.toString(), Map.of());

    assertEquals(1, pusher.events().size(), pusher.rejections().toString());
    PusherEmulator.Event event = pusher.events().get(0);
    assertEquals("video-details", event.name());
    assertEquals("🎸 أغنية — שיר", event.data().get("title").asText());
    assertEquals(213, event.data().get("length").asInt());
    assertTrue(event.data().path("status").isMissingNode(), "Info's event says nothing of the status: " + event.data());
    assertTrue(event.rawData().getBytes(StandardCharsets.UTF_8).length <= PusherSettings.DATA_LIMIT_BYTES);
    String sent = event.data().get("description").asText();
    assertTrue(description.startsWith(sent.substring(0, sent.length() - 1)),
        "the event carries a prefix of the description when the whole does not fit");
    assertEquals(VIDEO, output.get("videoId").asText());
    assertTrue(output.path("status").isNull() || output.path("status").isMissingNode(), output.toString());
  }

  @Test
  void detailsOfAnotherVideo_areRefusedAndNothingIsSent() {
    String input = "{\"videoId\":\"" + VIDEO + "\",\"details\":{\"id\":\"rec_other\",\"title\":\"x\"}}";

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> invoke(input, Map.of()));

    assertTrue(e.getMessage().contains("rec_other"), e.getMessage());
    assertEquals(0, pusher.requestCount());
  }

  @Test
  void configuredChannelAndEvent_areUsed() throws Exception {
    invoke(EMBEDDING_OUTPUT, Map.of("PUSHER_CHANNEL", "team-42", "PUSHER_EVENT", "video-update"));

    assertEquals("team-42", pusher.events().get(0).channel());
    assertEquals("video-update", pusher.events().get(0).name());
  }

  @Test
  void pusherServerError_isRetryable() {
    pusher.failNext(500, 1);

    TransientException e = assertThrows(TransientException.class, () -> invoke(EMBEDDING_OUTPUT, Map.of()));

    assertTrue(e.getMessage().contains("HTTP 500") && e.getMessage().contains(VIDEO), e.getMessage());
    assertEquals(0, pusher.events().size());
  }

  @Test
  void connectionReset_isRetryable() {
    pusher.inject(Fault.RESET, 1);

    assertThrows(TransientException.class, () -> invoke(EMBEDDING_OUTPUT, Map.of()));
  }

  @Test
  void wrongSecret_isPermanentAndNamesTheSettings() {
    PusherRejectedException e = assertThrows(PusherRejectedException.class,
        () -> invoke(EMBEDDING_OUTPUT, Map.of("PUSHER_SECRET", "not-the-secret")));

    assertTrue(e.getMessage().contains("HTTP 401") && e.getMessage().contains("PUSHER_SECRET"), e.getMessage());
    assertTrue(!e.getMessage().contains("not-the-secret") && !e.getMessage().contains(PusherEmulator.SECRET),
        "no secret in the message: " + e.getMessage());
  }

  @Test
  void inputWithoutVideoId_isANamedErrorAndSendsNothing() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> invoke("{\"embeddingCount\":3}", Map.of()));

    assertTrue(e.getMessage().contains("videoId"), e.getMessage());
    assertEquals(0, pusher.requestCount());
  }

  @Test
  void missingSettings_failTheFirstInvocationNamingEachVariable() {
    // The service is built on the first invocation (its secrets may come from SSM), not at init.
    ChatReadyHandler handler = new ChatReadyHandler(Map.of("PUSHER_APP_ID", "1"));
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> handler.handleRequest(
        new ByteArrayInputStream(EMBEDDING_OUTPUT.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(),
        new TestContext()));

    assertTrue(e.getMessage().contains("PUSHER_KEY") && e.getMessage().contains("PUSHER_SECRET")
        && e.getMessage().contains("XATA_DB_URL"), e.getMessage());
  }
}
