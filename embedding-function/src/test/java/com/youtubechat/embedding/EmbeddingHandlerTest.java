package com.youtubechat.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.error.CohereAuthenticationException;
import com.youtubechat.shared.error.InvalidInputException;
import com.youtubechat.shared.error.TranscriptMissingException;
import com.youtubechat.shared.error.TransientException;
import com.youtubechat.shared.error.VideoRecordNotFoundException;
import com.youtubechat.shared.json.Json;
import com.youtubechat.emulators.CohereEmulator;
import com.youtubechat.shared.testing.TestContext;
import com.youtubechat.shared.testing.TestDatabase;
import com.youtubechat.shared.transcript.StoredTranscript;
import com.youtubechat.shared.transcript.TranscriptChunk;
import com.youtubechat.shared.xata.VideoStore;
import com.youtubechat.shared.xata.XataConnection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Embedding handler end to end: the Cohere emulator and a real PostgreSQL. */
class EmbeddingHandlerTest {

  private static final String VIDEO = "rec_cthqp4kmj0ph6g3h8o70";
  private static final String INPUT = "{\"videoId\":\"" + VIDEO + "\",\"youtubeId\":\"dQw4w9WgXcQ\","
      + "\"language\":\"en\",\"chunkCount\":250}";

  private final CohereEmulator cohere = new CohereEmulator();
  private XataConnection database;

  @BeforeEach
  void setUp() {
    database = TestDatabase.fresh();
    TestDatabase.insertVideo(database, VIDEO, "dQw4w9WgXcQ", null);
  }

  @AfterEach
  void tearDown() {
    cohere.close();
    if (database != null) { // null when the database tests were skipped
      database.close();
    }
  }

  private EmbeddingHandler handler(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(cohere.environment());
    env.put("XATA_DB_URL", TestDatabase.url());
    env.putAll(extra);
    return new EmbeddingHandler(EmbeddingService.fromEnvironment(new ConfigReader(env)));
  }

  private static JsonNode invoke(EmbeddingHandler handler, String json) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, new TestContext(120_000));
    return Json.MAPPER.readTree(out.toByteArray());
  }

  private static List<TranscriptChunk> chunks(int count, String prefix) {
    return IntStream.range(0, count).mapToObj(i -> new TranscriptChunk(i,
        prefix + " chunk " + i + " says something worth finding.", i * 30.0, i * 30.0 + 32.5)).toList();
  }

  private void storeTranscript(List<TranscriptChunk> chunks) {
    new VideoStore(database).saveTranscript(VIDEO, new StoredTranscript("dQw4w9WgXcQ", "en", "manual", "en",
        chunks.size() * 10, 360, 48, chunks));
  }

  /** The embeddings table, one string per row, in chunk order. */
  private List<String> rows() {
    return database.run("reading embeddings", connection -> {
      List<String> rows = new ArrayList<>();
      try (ResultSet rs = connection.createStatement().executeQuery("SELECT id, video_id, chunk_index, text,"
          + " embedding::text, start_seconds, end_seconds FROM embeddings ORDER BY video_id, chunk_index")) {
        while (rs.next()) {
          rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getInt(3) + "|" + rs.getString(4) + "|"
              + rs.getString(5) + "|" + rs.getDouble(6) + "|" + rs.getDouble(7));
        }
      }
      return rows;
    });
  }

  private static float[] parseVector(String text) {
    String[] parts = text.substring(1, text.length() - 1).split(",");
    float[] vector = new float[parts.length];
    for (int i = 0; i < parts.length; i++) {
      vector[i] = Float.parseFloat(parts[i]);
    }
    return vector;
  }

  @Test
  void storedTranscript_becomesOneEmbeddingRowPerChunkAndChatIsEnabled() throws Exception {
    List<TranscriptChunk> chunks = chunks(250, "new");
    storeTranscript(chunks);

    JsonNode output = invoke(handler(Map.of()), INPUT);

    assertEquals(VIDEO, output.get("videoId").asText());
    assertEquals(250, output.get("embeddingCount").asInt());
    assertEquals(3, output.get("cohereCalls").asInt(), "ceil(250 / 96) calls");
    assertEquals(3, cohere.calls().size());
    List<String> rows = rows();
    assertEquals(250, rows.size());
    for (int i = 0; i < chunks.size(); i++) {
      String[] row = rows.get(i).split("\\|");
      TranscriptChunk chunk = chunks.get(i);
      assertEquals(VIDEO + ":" + i, row[0]);
      assertEquals(VIDEO, row[1]);
      assertEquals(String.valueOf(i), row[2]);
      assertEquals(chunk.text(), row[3]);
      assertArrayEquals(CohereEmulator.vectorFor(chunk.text(), 1024), parseVector(row[4]), "vector of chunk " + i);
      assertEquals(chunk.start(), Double.parseDouble(row[5]));
      assertEquals(chunk.end(), Double.parseDouble(row[6]));
    }
    Map<String, Object> video = TestDatabase.video(database, VIDEO).orElseThrow();
    assertEquals(true, video.get("chat_enabled"));
    assertEquals("ready", video.get("status"));
  }

  @Test
  void runningTwice_leavesIdenticalRows() throws Exception {
    storeTranscript(chunks(120, "same"));
    invoke(handler(Map.of()), INPUT);
    List<String> first = rows();

    invoke(handler(Map.of()), INPUT);

    assertEquals(first, rows());
  }

  @Test
  void twoRunsAtOnce_leaveOneSetOfRows() throws Exception {
    storeTranscript(chunks(200, "race"));
    cohere.latency(100);
    EmbeddingHandler a = handler(Map.of());
    EmbeddingHandler b = handler(Map.of());
    CyclicBarrier start = new CyclicBarrier(2);

    CompletableFuture<JsonNode> first = CompletableFuture.supplyAsync(() -> race(a, start));
    CompletableFuture<JsonNode> second = CompletableFuture.supplyAsync(() -> race(b, start));

    assertEquals(200, first.get().get("embeddingCount").asInt());
    assertEquals(200, second.get().get("embeddingCount").asInt());
    List<String> rows = rows();
    assertEquals(200, rows.size());
    assertEquals(200, rows.stream().map(r -> r.split("\\|")[2]).distinct().count());
  }

  private static JsonNode race(EmbeddingHandler handler, CyclicBarrier start) {
    try {
      start.await();
      return invoke(handler, INPUT);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void cohereFailingOnTheThirdBatch_commitsNothingAndKeepsThePreviousSet() throws Exception {
    storeTranscript(chunks(250, "old"));
    invoke(handler(Map.of()), INPUT);
    List<String> previous = rows();

    List<TranscriptChunk> replacement = new ArrayList<>(chunks(250, "new"));
    replacement.set(200, new TranscriptChunk(200, "new chunk 200 POISON", 6000, 6032.5)); // in the third batch
    storeTranscript(replacement);
    cohere.failWhenTextContains("POISON", 500);

    TransientException e = assertThrows(TransientException.class,
        () -> invoke(handler(Map.of("COHERE_MAX_ATTEMPTS", "2")), INPUT));

    assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
    assertEquals(previous, rows(), "the previous set is intact and nothing of this run was committed");
  }

  @Test
  void http429WithRetryAfter_isHonouredAndTheRunSucceeds() throws Exception {
    storeTranscript(chunks(10, "wait"));
    cohere.failNext(429, 1, 1);
    long start = System.nanoTime();

    invoke(handler(Map.of()), INPUT);

    assertTrue((System.nanoTime() - start) / 1_000_000 >= 950);
    assertEquals(2, cohere.calls().size());
    assertEquals(10, rows().size());
  }

  @Test
  void wrongCohereKey_isPermanentAndWritesNothing() {
    storeTranscript(chunks(10, "key"));
    assertThrows(CohereAuthenticationException.class,
        () -> invoke(handler(Map.of("COHERE_API_KEY", "not-the-key")), INPUT));
    assertEquals(0, rows().size());
    assertEquals(false, TestDatabase.video(database, VIDEO).orElseThrow().get("chat_enabled"));
  }

  @Test
  void rowWithoutTranscript_isANamedError() {
    assertThrows(TranscriptMissingException.class, () -> invoke(handler(Map.of()), INPUT));
    assertEquals(0, cohere.calls().size());
  }

  @Test
  void unknownVideo_isNamed() {
    assertThrows(VideoRecordNotFoundException.class,
        () -> invoke(handler(Map.of()), "{\"videoId\":\"rec_nope\"}"));
  }

  @Test
  void missingVideoId_isInvalidInput() {
    assertThrows(InvalidInputException.class, () -> invoke(handler(Map.of()), "{\"chunkCount\":3}"));
  }
}
