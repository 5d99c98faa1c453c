package com.youtubechat.shared.pusher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.error.ConfigurationException;
import com.youtubechat.shared.error.PusherRejectedException;
import com.youtubechat.shared.error.TransientException;
import com.youtubechat.emulators.PusherEmulator;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PusherVideoEventsTest {

  private final PusherEmulator pusher = new PusherEmulator();

  @AfterEach
  void stop() {
    pusher.close();
  }

  private VideoEvents events(Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>(pusher.environment());
    env.putAll(overrides);
    ConfigReader config = new ConfigReader(env);
    PusherSettings settings = PusherSettings.read(config);
    config.validate();
    return VideoEvents.create(settings);
  }

  @Test
  void videoDetails_arrivesSignedOnTheChannelAsAJsonObject() {
    events(Map.of()).videoDetails(new VideoDetailsEvent("rec_1", "Title", "Author", "https://i.ytimg.com/x.jpg",
        213L, "2009-10-25T06:57:33Z", "Description", null, null, null, null));

    assertEquals(1, pusher.events().size(), pusher.rejections().toString());
    PusherEmulator.Event event = pusher.events().get(0);
    assertEquals("video-chat", event.channel());
    assertEquals("video-details", event.name());
    // One level of JSON: data is an object, not a string holding JSON (Gson's double encoding).
    assertTrue(event.data().isObject(), event.rawData());
    assertEquals("rec_1", event.data().get("id").asText());
    assertEquals(213, event.data().get("length").asInt());
    assertEquals("2009-10-25T06:57:33Z", event.data().get("publishDate").asText());
    assertFalse(event.data().has("status"), "null fields are left out: " + event.rawData());
  }

  @Test
  void channelAndEventName_areConfigurable() {
    events(Map.of("PUSHER_CHANNEL", "private-chat", "PUSHER_EVENT", "video-update"))
        .videoDetails(VideoDetailsEvent.of("rec_2"));
    assertEquals("private-chat", pusher.events().get(0).channel());
    assertEquals("video-update", pusher.events().get(0).name());
  }

  @Test
  void encryptedChannel_isAConfigurationErrorAtInit_privateIsNot() {
    Map<String, String> env = new HashMap<>(pusher.environment());
    env.put("PUSHER_CHANNEL", "private-encrypted-video-chat");
    ConfigReader config = new ConfigReader(env);
    PusherSettings.read(config);

    ConfigurationException e = assertThrows(ConfigurationException.class, config::validate);

    assertTrue(e.getMessage().contains("PUSHER_CHANNEL") && e.getMessage().contains("private- channel"), e.getMessage());
    events(Map.of("PUSHER_CHANNEL", "private-video-chat")).videoDetails(VideoDetailsEvent.of("rec_2"));
    assertEquals("private-video-chat", pusher.events().get(0).channel());
  }

  @Test
  void descriptionOverTheDataLimit_isShortenedNotRefused() {
    String description = "é漢😀ab".repeat(2_000); // 10,000 chars, 26,000 UTF-8 bytes
    events(Map.of()).videoDetails(new VideoDetailsEvent("rec_3", "Title", "Author", null, 1L, null,
        description, null, null, null, null));

    assertEquals(1, pusher.events().size(), pusher.rejections().toString());
    PusherEmulator.Event event = pusher.events().get(0);
    int bytes = event.rawData().getBytes(StandardCharsets.UTF_8).length;
    assertTrue(bytes <= PusherSettings.DATA_LIMIT_BYTES, bytes + " bytes");
    assertTrue(bytes > PusherSettings.DATA_LIMIT_BYTES - 16, "kept as much as fits, got " + bytes);
    String sent = event.data().get("description").asText();
    assertTrue(sent.endsWith("…"));
    assertTrue(description.startsWith(sent.substring(0, sent.length() - 1)), "a prefix of whole code points");
    assertEquals("Title", event.data().get("title").asText());
  }

  @Test
  void http413_isPermanentDespiteTheLibrarysRetryFlag() {
    pusher.failNext(413, 1);
    PusherRejectedException e = assertThrows(PusherRejectedException.class,
        () -> events(Map.of()).videoDetails(VideoDetailsEvent.of("rec_4")));
    assertTrue(e.getMessage().contains("HTTP 413"), e.getMessage());
  }

  @Test
  void http429And500_areRetryable() {
    pusher.failNext(429, 1);
    pusher.failNext(500, 1);
    VideoEvents events = events(Map.of());
    assertTrue(assertThrows(TransientException.class, () -> events.videoDetails(VideoDetailsEvent.of("rec_5")))
        .getMessage().contains("HTTP 429"));
    assertTrue(assertThrows(TransientException.class, () -> events.videoDetails(VideoDetailsEvent.of("rec_5")))
        .getMessage().contains("HTTP 500"));
    events.videoDetails(VideoDetailsEvent.of("rec_5"));
    assertEquals(1, pusher.events().size());
  }

  @Test
  void wrongSecret_isRejectedBySignatureAndSaysWhatToCheck() {
    PusherRejectedException e = assertThrows(PusherRejectedException.class,
        () -> events(Map.of("PUSHER_SECRET", "not-the-secret")).videoDetails(VideoDetailsEvent.of("rec_6")));
    assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
    assertTrue(e.getMessage().contains("PUSHER_SECRET"), e.getMessage());
    assertFalse(e.getMessage().contains("not-the-secret"), e.getMessage());
    assertTrue(pusher.rejections().get(0).contains("Invalid signature"), pusher.rejections().toString());
  }

  @Test
  void unreachablePusher_isRetryable() {
    VideoEvents events = events(Map.of());
    pusher.close();
    TransientException e = assertThrows(TransientException.class, () -> events.videoDetails(VideoDetailsEvent.of("rec_7")));
    assertTrue(e.getMessage().contains("Could not reach Pusher"), e.getMessage());
  }

  @Test
  void emulatorSignatureCheck_matchesPushersPublishedExample() {
    // The worked example from Pusher's REST API documentation.
    String toSign = "POST\n/apps/3/events\nauth_key=278d425bdf160c739803&auth_timestamp=1353088179"
        + "&auth_version=1.0&body_md5=ec365a775a4cd0599faeb73354201b6f";
    assertEquals("da454824c97ba181a32ccc17a72625ba02771f50b50e1e7430e47a1f3f457e6c",
        PusherEmulator.hmacSha256Hex("7ad3773142a6692b25b8", toSign));
  }

  @Test
  void partialCredentials_areAConfigurationError() {
    ConfigReader config = new ConfigReader(Map.of("PUSHER_APP_ID", "1", "PUSHER_KEY", "k"));
    PusherSettings.read(config);
    assertEquals(1, config.problems().size());
    assertTrue(config.problems().get(0).startsWith("PUSHER_SECRET"));
  }
}
