package com.youtubechat.info;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.error.DatabaseBusyException;
import com.youtubechat.shared.error.DatabaseUnavailableException;
import com.youtubechat.shared.error.InvalidInputException;
import com.youtubechat.shared.error.TransientException;
import com.youtubechat.shared.error.VideoRecordMismatchException;
import com.youtubechat.shared.error.VideoRecordNotFoundException;
import com.youtubechat.shared.error.VideoUnavailableException;
import com.youtubechat.shared.error.VideoUnplayableException;
import com.youtubechat.shared.error.YoutubeChatException;
import com.youtubechat.shared.error.YoutubeQuotaExceededException;
import com.youtubechat.shared.json.Json;
import com.youtubechat.emulators.FakeVideo;
import com.youtubechat.shared.testing.Connections;
import com.youtubechat.shared.testing.TestContext;
import com.youtubechat.shared.testing.TestDatabase;
import com.youtubechat.emulators.YoutubeEmulator;
import com.youtubechat.shared.xata.XataConnection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Info handler end to end: real PostgreSQL, the YouTube emulator on loopback. Its Pusher event is
 * sent by the Notify step: here it is checked as the {@code details} of the output.
 */
class InfoHandlerTest {

  private static final String RECORD_ID = "rec_cthqp4kmj0ph6g3h8o70";
  private static final String YOUTUBE_ID = "dQw4w9WgXcQ";

  private final YoutubeEmulator youtube = new YoutubeEmulator();
  private XataConnection database;

  @BeforeEach
  void setUp() {
    database = TestDatabase.fresh();
  }

  @AfterEach
  void tearDown() {
    youtube.close();
    if (database != null) { // null when the database tests were skipped
      database.close();
    }
  }

  private InfoHandler handler(Map<String, String> youtubeEnv) {
    Map<String, String> env = new HashMap<>(youtubeEnv);
    env.put("XATA_DB_URL", TestDatabase.url());
    return new InfoHandler(InfoService.fromEnvironment(new ConfigReader(env)));
  }

  private static JsonNode invoke(InfoHandler handler, String json) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, new TestContext());
    return Json.MAPPER.readTree(out.toByteArray());
  }

  private static String fixture(String name) throws IOException {
    try (InputStream in = InfoHandlerTest.class.getResourceAsStream("/events/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void sampleRecord_updatesTheRowAndOutputsTheEventForNotify() throws Exception {
    youtube.add(new FakeVideo(YOUTUBE_ID));
    TestDatabase.insertVideo(database, RECORD_ID, YOUTUBE_ID, "https://www.youtube.com/watch?v=" + YOUTUBE_ID);

    JsonNode output = invoke(handler(youtube.environment()), fixture("video-record.json"));

    assertEquals(RECORD_ID, output.get("videoId").asText());
    assertEquals(YOUTUBE_ID, output.get("youtubeId").asText());
    assertEquals("Never Gonna Give You Up", output.get("title").asText());
    assertEquals(213, output.get("lengthSeconds").asInt());

    Map<String, Object> row = TestDatabase.video(database, RECORD_ID).orElseThrow();
    assertEquals("Never Gonna Give You Up", row.get("title"));
    assertEquals("Rick Astley", row.get("author"));
    assertEquals(213, row.get("length_seconds"));
    assertEquals("https://i.ytimg.com/vi/" + YOUTUBE_ID + "/maxresdefault.jpg", row.get("thumbnail_url"));
    assertTrue(OffsetDateTime.parse("2009-10-25T06:57:33Z").isEqual((OffsetDateTime) row.get("publish_date")));

    JsonNode data = output.get("details");
    assertEquals(RECORD_ID, data.get("id").asText());
    assertEquals("Never Gonna Give You Up", data.get("title").asText());
    assertEquals("Rick Astley", data.get("author").asText());
    assertEquals("https://i.ytimg.com/vi/" + YOUTUBE_ID + "/maxresdefault.jpg", data.get("thumbnailUrl").asText());
    assertEquals(213, data.get("length").asInt());
    assertEquals("2009-10-24T23:57:33-07:00", data.get("publishDate").asText());
    assertEquals(row.get("description"), data.get("description").asText());
    assertTrue(data.path("status").isMissingNode() && data.path("chatEnabled").isMissingNode(),
        "only the fields Info changed: " + data);
  }

  @Test
  void withGoogleApiKey_usesTheDataApi() throws Exception {
    youtube.add(new FakeVideo(YOUTUBE_ID));
    TestDatabase.insertVideo(database, RECORD_ID, YOUTUBE_ID, null);

    JsonNode output = invoke(handler(youtube.environmentWithDataApi()), fixture("video-record.json"));

    assertEquals(1, youtube.requests("/youtube/v3/videos").size());
    assertTrue(youtube.requests("/watch").isEmpty());
    assertEquals("2009-10-25T06:57:33Z", output.get("details").get("publishDate").asText());
  }

  @Test
  void urlOnly_isParsedIntoTheYoutubeId() throws Exception {
    youtube.add(new FakeVideo(YOUTUBE_ID));
    TestDatabase.insertVideo(database, "rec_2", null, "https://youtu.be/" + YOUTUBE_ID + "?si=share");

    JsonNode output = invoke(handler(youtube.environment()), "{\"id\":\"rec_2\",\"url\":\"https://youtu.be/"
        + YOUTUBE_ID + "?si=share\"}");

    assertEquals(YOUTUBE_ID, output.get("youtubeId").asText());
    assertEquals(YOUTUBE_ID, TestDatabase.video(database, "rec_2").orElseThrow().get("youtube_id"));
  }

  @Test
  void emojiRightToLeftAndALongMultibyteDescription_passIntact() throws Exception {
    String title = "🎸 أغنية جميلة — שיר יפה 🇮🇱🇯🇴 👨‍👩‍👧";
    String description = "🎶 Ünïcödé 漢字 عربى! ".repeat(250); // 5,000 characters, mostly multibyte
    assertEquals(5_000, description.length());
    youtube.add(new FakeVideo(YOUTUBE_ID).title(title).description(description).author("فنان 🎤"));
    TestDatabase.insertVideo(database, RECORD_ID, YOUTUBE_ID, null);

    JsonNode output = invoke(handler(youtube.environment()), fixture("video-record.json"));

    Map<String, Object> row = TestDatabase.video(database, RECORD_ID).orElseThrow();
    assertEquals(title, row.get("title"));
    assertEquals(description, row.get("description"));
    assertEquals("فنان 🎤", row.get("author"));
    assertEquals(title, output.get("details").get("title").asText());
    assertEquals(description, output.get("details").get("description").asText(), "Notify trims it to Pusher's limit");
  }

  // The database is asked before YouTube: a retry after a database failure repeats no paid fetch.

  @Test
  void databaseDown_isDatabaseUnavailable_beforeAnyYoutubeRequest() {
    youtube.add(new FakeVideo(YOUTUBE_ID));
    Map<String, String> env = new HashMap<>(youtube.environmentWithDataApi());
    env.put("XATA_DB_URL", "postgresql://postgres@127.0.0.1:1/nowhere");
    InfoHandler handler = new InfoHandler(InfoService.fromEnvironment(new ConfigReader(env)));

    DatabaseUnavailableException e = assertThrows(DatabaseUnavailableException.class,
        () -> invoke(handler, fixture("video-record.json")));

    assertTrue(e.retryable() && e.getMessage().startsWith("Database unavailable: Connecting to"), e.getMessage());
    assertTrue(youtube.requests().isEmpty(), "no Data API unit spent: " + youtube.requests());
  }

  @Test
  void connectionBudgetExhausted_isDatabaseBusy_beforeAnyYoutubeRequest() {
    youtube.add(new FakeVideo(YOUTUBE_ID));
    TestDatabase.insertVideo(database, RECORD_ID, YOUTUBE_ID, null);
    Map<String, String> env = new HashMap<>(youtube.environmentWithDataApi());
    env.put("XATA_DB_URL", TestDatabase.urlOfRoleWithConnectionLimit(database, "ytc_no_slots", 0));
    InfoHandler handler = new InfoHandler(InfoService.fromEnvironment(new ConfigReader(env)));

    DatabaseBusyException e = assertThrows(DatabaseBusyException.class, () -> invoke(handler, fixture("video-record.json")));

    assertTrue(e.getMessage().contains("SQLSTATE 53300"), e.getMessage());
    assertTrue(youtube.requests().isEmpty(), "no Data API unit spent: " + youtube.requests());
    assertNull(TestDatabase.video(database, RECORD_ID).orElseThrow().get("title"));
  }

  @Test
  void invocation_releasesItsConnectionWhenItEnds() throws Exception {
    youtube.add(new FakeVideo(YOUTUBE_ID));
    TestDatabase.insertVideo(database, RECORD_ID, YOUTUBE_ID, null);
    InfoHandler handler = handler(youtube.environment());
    var start = Connections.now(database);

    invoke(handler, fixture("video-record.json"));
    assertEquals(0, Connections.awaitOpenedSince(database, start, 0, Duration.ofSeconds(30)),
        "a warm container keeps no connection between invocations");
    youtube.add(new FakeVideo(YOUTUBE_ID).title("Renamed"));
    invoke(handler, fixture("video-record.json"));

    assertEquals("Renamed", TestDatabase.video(database, RECORD_ID).orElseThrow().get("title"));
  }

  // Bad input: a named error, no request to YouTube, nothing written.

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"youtubeId\":\"dQw4w9WgXcQ\"}",
      "{\"id\":\"\",\"youtubeId\":\"dQw4w9WgXcQ\"}",
      "{\"id\":\"rec_1\"}",
      "{\"id\":\"rec_1\",\"url\":\"https://www.youtube.com/watch?list=PL1\"}",
      "{\"id\":\"rec_1\",\"url\":\"http//youtube.com\"}",
      "{\"id\":\"rec_1\",\"youtubeId\":\"dQw4w9WgXcQQ\"}",
      "{\"id\":\"rec_1\",\"youtubeId\":\"dQw4w9/gXcQ\"}",
      "{\"id\":\"rec_1\",\"youtubeId\":\"dQw4w9?gXcQ\"}",
      "[1,2]",
      "not json"})
  void badInput_isRefusedBeforeAnyRequest(String input) {
    TestDatabase.insertVideo(database, "rec_1", null, null);
    InfoHandler handler = handler(youtube.environment());

    assertThrows(InvalidInputException.class, () -> invoke(handler, input));

    assertTrue(youtube.requests().isEmpty(), "no request to YouTube");
    assertNull(TestDatabase.video(database, "rec_1").orElseThrow().get("title"));
  }

  @Test
  void rowThatDoesNotExist_isNamedBeforeAnyYoutubeRequest() {
    youtube.add(new FakeVideo(YOUTUBE_ID));
    VideoRecordNotFoundException e = assertThrows(VideoRecordNotFoundException.class,
        () -> invoke(handler(youtube.environment()), fixture("video-record.json")));
    assertTrue(e.getMessage().contains(RECORD_ID));
    assertEquals(0, TestDatabase.count(database, "videos"));
    assertTrue(youtube.requests().isEmpty(), "no request to YouTube: " + youtube.requests());
  }

  @Test
  void eventForAnotherVideo_isRefusedBeforeAnyRequest_andTheVictimRowIsUntouched() throws Exception {
    youtube.add(new FakeVideo(YOUTUBE_ID));
    youtube.add(new FakeVideo("AAAAAAAAAAA").title("Someone else's video"));
    TestDatabase.insertVideo(database, "rec_victim", YOUTUBE_ID, null);
    invoke(handler(youtube.environmentWithDataApi()), "{\"id\":\"rec_victim\",\"youtubeId\":\"" + YOUTUBE_ID + "\"}");
    int requests = youtube.requests().size();

    VideoRecordMismatchException e = assertThrows(VideoRecordMismatchException.class,
        () -> invoke(handler(youtube.environmentWithDataApi()), "{\"id\":\"rec_victim\",\"youtubeId\":\"AAAAAAAAAAA\"}"));

    assertTrue(e.getMessage().contains("'rec_victim', which holds video '" + YOUTUBE_ID + "'"), e.getMessage());
    assertEquals(requests, youtube.requests().size(), "no Data API unit spent on the other video");
    Map<String, Object> row = TestDatabase.video(database, "rec_victim").orElseThrow();
    assertEquals("Never Gonna Give You Up", row.get("title"));
    assertEquals(YOUTUBE_ID, row.get("youtube_id"));
  }

  @Test
  void dataApiQuotaExceeded_isNamedAndWritesNothing() {
    youtube.add(new FakeVideo(YOUTUBE_ID));
    youtube.quotaExceeded(true);
    assertRefusedWithNothingWritten(YoutubeQuotaExceededException.class, youtube.environmentWithDataApi());
  }

  @Test
  void unplayableVideo_isNamedAndWritesNothing() {
    youtube.add(new FakeVideo(YOUTUBE_ID).playability("UNPLAYABLE", "Video unavailable",
        "This video requires payment to watch."));
    assertRefusedWithNothingWritten(VideoUnplayableException.class, youtube.environment());
  }

  @Test
  void loginRequiredVideo_isNamedAndWritesNothing() {
    youtube.add(new FakeVideo(YOUTUBE_ID).playability("LOGIN_REQUIRED", "This video is private", null));
    assertRefusedWithNothingWritten(VideoUnavailableException.class, youtube.environment());
  }

  @Test
  void youtube429_isRetryableAndWritesNothing() {
    youtube.add(new FakeVideo(YOUTUBE_ID));
    youtube.failNext("/youtubei", 429, 1);
    assertRefusedWithNothingWritten(TransientException.class, youtube.environment());
  }

  private void assertRefusedWithNothingWritten(Class<? extends YoutubeChatException> expected, Map<String, String> env) {
    TestDatabase.insertVideo(database, RECORD_ID, YOUTUBE_ID, null);
    assertThrows(expected, () -> invoke(handler(env), fixture("video-record.json")));
    assertNull(TestDatabase.video(database, RECORD_ID).orElseThrow().get("title"));
  }
}
