package com.youtubechat.embedding;

import com.youtubechat.shared.cohere.CohereEmbedder;
import com.youtubechat.shared.cohere.CohereSettings;
import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.emulators.CohereEmulator;
import com.youtubechat.shared.testing.TestDatabase;
import com.youtubechat.shared.transcript.Chunker;
import com.youtubechat.shared.transcript.ChunkerSettings;
import com.youtubechat.shared.transcript.StoredTranscript;
import com.youtubechat.shared.transcript.TranscriptChunk;
import com.youtubechat.shared.transcript.TranscriptFixtures;
import com.youtubechat.shared.xata.EmbeddingStore;
import com.youtubechat.shared.xata.VideoStore;
import com.youtubechat.shared.xata.XataConnection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The Embedding step on a 10-hour transcript against a Cohere emulator that takes 300 ms per call,
 * and the local PostgreSQL, compared with the original design (10 texts per call, one call after
 * another, a bulk write per 10). Not a test: run with {@code make bench-embedding}. Argument: the
 * number of runs of this design (default 3; CI runs 1 so the benchmark cannot rot).
 */
public final class EmbeddingBenchmark {

  private static final String VIDEO = "rec_benchmark";
  private static final long LATENCY_MS = 300;
  private static final int RUNS = 3;

  private EmbeddingBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : RUNS;
    List<TranscriptChunk> chunks = new Chunker(ChunkerSettings.defaults())
        .chunk(TranscriptFixtures.speech(new Random(20261124L), 6_000));
    System.out.printf(Locale.ROOT, "10-hour transcript: %d chunks; Cohere emulator latency %d ms per call%n",
        chunks.size(), LATENCY_MS);
    try (CohereEmulator cohere = new CohereEmulator(); XataConnection database = TestDatabase.fresh()) {
      cohere.latency(LATENCY_MS);
      TestDatabase.insertVideo(database, VIDEO, "dQw4w9WgXcQ", null);
      VideoStore videos = new VideoStore(database);
      videos.saveTranscript(VIDEO, new StoredTranscript("dQw4w9WgXcQ", "en", "manual", "en", 6_000,
          ChunkerSettings.DEFAULT_MAX_TOKENS, ChunkerSettings.DEFAULT_OVERLAP_TOKENS, chunks));
      Map<String, String> env = new HashMap<>(cohere.environment());
      CohereSettings settings = read(env);

      // This design: the EmbeddingService as deployed (96 per call, 4 at once, one COPY transaction).
      EmbeddingStore store = new EmbeddingStore(database);
      CohereEmbedder embedder = new CohereEmbedder(settings);
      EmbeddingService service = new EmbeddingService(videos, store, embedder);
      long[] wall = new long[runs];
      long[] db = new long[runs];
      int calls = 0;
      for (int run = 0; run < runs; run++) {
        int before = cohere.calls().size();
        long start = System.nanoTime();
        service.process(new EmbeddingRequest(VIDEO), Instant.now().plusSeconds(600));
        wall[run] = millis(start);
        calls = cohere.calls().size() - before;
      }
      List<float[]> vectors = embedder.embed(chunks.stream().map(TranscriptChunk::text).toList(),
          EmbeddingStore.DIMENSIONS, Instant.now().plusSeconds(600)).vectors();
      for (int run = 0; run < runs; run++) {
        long dbStart = System.nanoTime();
        store.replace(VIDEO, chunks, vectors);
        db[run] = millis(dbStart);
      }
      long medianWall = median(wall);
      System.out.printf(Locale.ROOT, "this design: %d Cohere calls (ceil(%d/96) = %d), up to %d at once;"
              + " %d database statements per video (one transaction, one COPY); wall time median %d ms %s;"
              + " database write median %d ms %s; target: 3 x %d ms + database time = %d ms%n",
          calls, chunks.size(), (chunks.size() + 95) / 96, settings.concurrency(), EmbeddingStore.STATEMENTS_PER_REPLACE,
          medianWall, Arrays.toString(wall), median(db), Arrays.toString(db), LATENCY_MS, 3 * LATENCY_MS + median(db));

      // The original design: 10 texts per call, one after another, a bulk insert per 10.
      CohereEmbedder sequential = new CohereEmbedder(read(Map.of("COHERE_API_KEY", CohereEmulator.API_KEY,
          "COHERE_BASE_URL", cohere.baseUrl(), "COHERE_CONCURRENCY", "1")), 10, Duration.ofMillis(500), Duration.ofSeconds(20));
      int before = cohere.calls().size();
      long start = System.nanoTime();
      long dbMillis = 0;
      int inserts = 0;
      TestDatabase.execute(database, "DELETE FROM embeddings");
      for (int from = 0; from < chunks.size(); from += 10) {
        List<TranscriptChunk> group = chunks.subList(from, Math.min(chunks.size(), from + 10));
        List<float[]> groupVectors = sequential.embed(group.stream().map(TranscriptChunk::text).toList(),
            EmbeddingStore.DIMENSIONS, Instant.now().plusSeconds(600)).vectors();
        long insertStart = System.nanoTime();
        insertGroup(database, group, groupVectors);
        dbMillis += millis(insertStart);
        inserts++;
      }
      long originalWall = millis(start);
      System.out.printf(Locale.ROOT, "original design: %d Cohere calls, one at a time; %d insert round trips;"
              + " wall time %d ms (database %d ms)%n", cohere.calls().size() - before, inserts, originalWall, dbMillis);
      System.out.printf(Locale.ROOT, "speed-up: %.1fx%n", (double) originalWall / medianWall);
    }
  }

  private static void insertGroup(XataConnection database, List<TranscriptChunk> group, List<float[]> vectors) {
    database.inTransaction("original-design insert", connection -> {
      StringBuilder sql = new StringBuilder("INSERT INTO embeddings (id, video_id, chunk_index, text, embedding,"
          + " start_seconds, end_seconds) VALUES ");
      for (int i = 0; i < group.size(); i++) {
        sql.append(i == 0 ? "" : ",").append("(?,?,?,?,CAST(? AS vector),?,?)");
      }
      try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
        int p = 1;
        for (int i = 0; i < group.size(); i++) {
          TranscriptChunk chunk = group.get(i);
          insert.setString(p++, VIDEO + ":" + chunk.index());
          insert.setString(p++, VIDEO);
          insert.setInt(p++, chunk.index());
          insert.setString(p++, chunk.text());
          insert.setString(p++, Arrays.toString(vectors.get(i)).replace(" ", ""));
          insert.setDouble(p++, chunk.start());
          insert.setDouble(p++, chunk.end());
        }
        insert.executeUpdate();
      }
      return null;
    });
  }

  private static CohereSettings read(Map<String, String> env) {
    ConfigReader config = new ConfigReader(env);
    CohereSettings settings = CohereSettings.read(config);
    config.validate();
    return settings;
  }

  private static long millis(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
