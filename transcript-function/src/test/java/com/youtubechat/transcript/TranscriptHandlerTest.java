package com.youtubechat.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.error.InvalidInputException;
import com.youtubechat.shared.error.TranscriptsDisabledException;
import com.youtubechat.shared.error.VideoRecordMismatchException;
import com.youtubechat.shared.error.VideoRecordNotFoundException;
import com.youtubechat.shared.json.Json;
import com.youtubechat.emulators.FakeVideo;
import com.youtubechat.shared.testing.TestContext;
import com.youtubechat.shared.testing.TestDatabase;
import com.youtubechat.emulators.YoutubeEmulator;
import com.youtubechat.shared.xata.XataConnection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Transcript handler end to end: the YouTube emulator and a real PostgreSQL. */
class TranscriptHandlerTest {

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

  private TranscriptHandler handler(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(youtube.environment());
    env.put("XATA_DB_URL", TestDatabase.url());
    env.putAll(extra);
    return new TranscriptHandler(TranscriptService.fromEnvironment(new ConfigReader(env)));
  }

  private static JsonNode invoke(TranscriptHandler handler, String json) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, new TestContext());
    return Json.MAPPER.readTree(out.toByteArray());
  }

  private static String record() throws IOException {
    try (InputStream in = TranscriptHandlerTest.class.getResourceAsStream("/events/video-record.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private JsonNode storedTranscript() throws IOException {
    Object json = TestDatabase.video(database, RECORD_ID).orElseThrow().get("transcript");
    return json == null ? null : Json.MAPPER.readTree(json.toString());
  }

  /** A long English track: 400 segments of 2.5 s, so the chunker has to cut several chunks. */
  private static String longTrack(String word) {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\" ?><transcript>");
    for (int i = 0; i < 400; i++) {
      xml.append("<text start=\"").append(i * 2.5).append("\" dur=\"2.4\">").append(word).append(' ').append(i)
          .append(" is said here and it goes on for a while.</text>");
    }
    return xml.append("</transcript>").toString();
  }

  @Test
  void sampleRecord_storesTimedChunksOnTheRowAndReturnsASummary() throws Exception {
    youtube.add(new FakeVideo(YOUTUBE_ID).track("en", false, longTrack("line")));
    TestDatabase.insertVideo(database, RECORD_ID, YOUTUBE_ID, null);

    JsonNode output = invoke(handler(Map.of()), record());

    assertEquals(RECORD_ID, output.get("videoId").asText());
    assertEquals(YOUTUBE_ID, output.get("youtubeId").asText());
    assertEquals("en", output.get("language").asText());
    int chunkCount = output.get("chunkCount").asInt();
    assertTrue(chunkCount > 1, "400 segments make several chunks, got " + chunkCount);
    assertTrue(Json.write(output).length() < 300, "the step's output stays small: " + output);

    JsonNode stored = storedTranscript();
    assertEquals("en", stored.get("language").asText());
    assertEquals("manual", stored.get("source").asText());
    assertEquals(400, stored.get("segmentCount").asInt());
    JsonNode chunks = stored.get("chunks");
    assertEquals(chunkCount, chunks.size());
    assertEquals(0, chunks.get(0).get("index").asInt());
    assertEquals(0.0, chunks.get(0).get("start").asDouble(), 1e-9);
    assertTrue(chunks.get(0).get("text").asText().startsWith("line 0 is said here"));
    JsonNode last = chunks.get(chunkCount - 1);
    assertEquals(chunkCount - 1, last.get("index").asInt());
    assertEquals(399 * 2.5 + 2.4, last.get("end").asDouble(), 1e-6);
    assertTrue(last.get("text").asText().endsWith("line 399 is said here and it goes on for a while."));
  }

  @Test
  void replayingTheEvent_replacesTheTranscriptInsteadOfAppending() throws Exception {
    FakeVideo video = youtube.add(new FakeVideo(YOUTUBE_ID).track("en", false, longTrack("first")));
    TestDatabase.insertVideo(database, RECORD_ID, YOUTUBE_ID, null);
    int firstCount = invoke(handler(Map.of()), record()).get("chunkCount").asInt();

    video.noTracks().track("en", false, YoutubeEmulator.fixture("captions-classic-en.xml"));
    int secondCount = invoke(handler(Map.of()), record()).get("chunkCount").asInt();

    JsonNode chunks = storedTranscript().get("chunks");
    assertEquals(secondCount, chunks.size());
    assertTrue(secondCount < firstCount, secondCount + " vs " + firstCount);
    for (JsonNode chunk : chunks) {
      assertFalse(chunk.get("text").asText().contains("first"), "nothing of the first transcript is left");
    }
  }

  @Test
  void chunkBudget_isConfigurable() throws Exception {
    youtube.add(new FakeVideo(YOUTUBE_ID).track("en", false, longTrack("line")));
    TestDatabase.insertVideo(database, RECORD_ID, YOUTUBE_ID, null);
    int defaultCount = invoke(handler(Map.of()), record()).get("chunkCount").asInt();
    int smallCount = invoke(handler(Map.of("CHUNK_MAX_TOKENS", "100", "CHUNK_OVERLAP_TOKENS", "10")), record())
        .get("chunkCount").asInt();
    assertTrue(smallCount > defaultCount, smallCount + " vs " + defaultCount);
    assertEquals(100, storedTranscript().get("maxTokens").asInt());
  }

  @Test
  void videoWithoutCaptions_isNamedAndStoresNothing() {
    youtube.add(new FakeVideo(YOUTUBE_ID));
    TestDatabase.insertVideo(database, RECORD_ID, YOUTUBE_ID, null);
    assertThrows(TranscriptsDisabledException.class, () -> invoke(handler(Map.of()), record()));
    assertNull(TestDatabase.video(database, RECORD_ID).orElseThrow().get("transcript"));
  }

  @Test
  void missingRow_isNamed() {
    youtube.add(new FakeVideo(YOUTUBE_ID).track("en", false, longTrack("line")));
    assertThrows(VideoRecordNotFoundException.class, () -> invoke(handler(Map.of()), record()));
  }

  @Test
  void eventForAnotherVideo_isRefusedBeforeAnyRequest_andTheVictimRowKeepsItsTranscript() throws Exception {
    youtube.add(new FakeVideo(YOUTUBE_ID).track("en", false, longTrack("victim")));
    youtube.add(new FakeVideo("AAAAAAAAAAA").track("en", false, longTrack("attacker")));
    TestDatabase.insertVideo(database, RECORD_ID, YOUTUBE_ID, null);
    invoke(handler(Map.of()), record());
    JsonNode before = storedTranscript();
    int requests = youtube.requests().size();

    VideoRecordMismatchException e = assertThrows(VideoRecordMismatchException.class, () -> invoke(handler(Map.of()),
        "{\"id\":\"" + RECORD_ID + "\",\"youtubeId\":\"AAAAAAAAAAA\"}"));

    assertTrue(e.getMessage().contains("AAAAAAAAAAA") && e.getMessage().contains(YOUTUBE_ID), e.getMessage());
    assertEquals(requests, youtube.requests().size(), "nothing fetched for the other video");
    assertEquals(before, storedTranscript());
  }

  @Test
  void invalidId_isRefusedBeforeAnyRequest() {
    assertThrows(InvalidInputException.class,
        () -> invoke(handler(Map.of()), "{\"id\":\"rec_1\",\"youtubeId\":\"not/an/id\"}"));
    assertTrue(youtube.requests().isEmpty());
  }
}
