package com.youtubechat.chatready;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.youtubechat.shared.pusher.PusherSettings;
import com.youtubechat.emulators.Fault;
import com.youtubechat.emulators.PusherEmulator;
import com.youtubechat.shared.error.ConfigurationException;
import com.youtubechat.shared.error.InvalidInputException;
import com.youtubechat.shared.error.PusherRejectedException;
import com.youtubechat.shared.error.TransientException;
import com.youtubechat.shared.json.Json;
import com.youtubechat.shared.testing.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ChatReady handler against the Pusher emulator, which checks each request's signature. */
class ChatReadyHandlerTest {

  private static final String VIDEO = "rec_cthqp4kmj0ph6g3h8o70";
  /** What the state machine passes: the Transcript summary merged with the Embedding result. */
  private static final String EMBEDDING_OUTPUT = "{\"videoId\":\"" + VIDEO + "\",\"youtubeId\":\"dQw4w9WgXcQ\","
      + "\"language\":\"en\",\"chunkCount\":3,\"embeddingCount\":3,\"cohereCalls\":1,\"chatEnabled\":true}";

  private final PusherEmulator pusher = new PusherEmulator();

  @AfterEach
  void tearDown() {
    pusher.close();
  }

  private JsonNode invoke(String json, Map<String, String> extra) throws IOException {
    Map<String, String> env = new HashMap<>(pusher.environment());
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
  void infoOutput_sendsItsMetadataEvent_trimmedToPushersLimit() throws Exception {
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
  void missingPusherSettings_failTheFirstInvocationNamingEachVariable() {
    // The service is built on the first invocation (its secrets may come from SSM), not at init.
    ChatReadyHandler handler = new ChatReadyHandler(Map.of("PUSHER_APP_ID", "1"));
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> handler.handleRequest(
        new ByteArrayInputStream(EMBEDDING_OUTPUT.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(),
        new TestContext()));

    assertTrue(e.getMessage().contains("PUSHER_KEY") && e.getMessage().contains("PUSHER_SECRET"), e.getMessage());
  }
}
