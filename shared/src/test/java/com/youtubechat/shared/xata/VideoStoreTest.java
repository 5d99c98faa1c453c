package com.youtubechat.shared.xata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.error.InvalidInputException;
import com.youtubechat.shared.error.VideoRecordNotFoundException;
import com.youtubechat.shared.model.VideoMetadata;
import com.youtubechat.shared.testing.TestDatabase;
import com.youtubechat.shared.transcript.StoredTranscript;
import com.youtubechat.shared.transcript.TranscriptChunk;
import java.sql.Connection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class VideoStoreTest {

  private XataConnection database;
  private VideoStore store;

  @BeforeEach
  void setUp() {
    database = TestDatabase.fresh();
    store = new VideoStore(database);
  }

  @AfterEach
  void tearDown() {
    if (database != null) { // null when the database tests were skipped
      database.close();
    }
  }

  private static VideoMetadata metadata(String title, String description) {
    return new VideoMetadata("dQw4w9WgXcQ", title, description, "Author", 213,
        "https://i.ytimg.com/vi/dQw4w9WgXcQ/maxresdefault.jpg", OffsetDateTime.parse("2009-10-24T23:57:33-07:00"));
  }

  @Test
  void updateMetadata_writesEveryColumn() {
    TestDatabase.insertVideo(database, "rec_1", "dQw4w9WgXcQ", "https://youtu.be/dQw4w9WgXcQ");

    store.updateMetadata("rec_1", metadata("Title", "Description"));

    Map<String, Object> row = TestDatabase.video(database, "rec_1").orElseThrow();
    assertEquals("Title", row.get("title"));
    assertEquals("Description", row.get("description"));
    assertEquals("Author", row.get("author"));
    assertEquals(213, row.get("length_seconds"));
    assertEquals("https://i.ytimg.com/vi/dQw4w9WgXcQ/maxresdefault.jpg", row.get("thumbnail_url"));
    assertTrue(OffsetDateTime.parse("2009-10-25T06:57:33Z").isEqual((OffsetDateTime) row.get("publish_date")));
    assertEquals(false, row.get("chat_enabled"));
  }

  @Test
  void multilingualContent_roundTripsIntact() {
    TestDatabase.insertVideo(database, "rec_2", "dQw4w9WgXcQ", null);
    String title = "🎵 مرحبا بالعالم — שלום 👋🏽 日本語";
    String description = "ü漢😀ع".repeat(1_250);

    store.updateMetadata("rec_2", metadata(title, description));

    Map<String, Object> row = TestDatabase.video(database, "rec_2").orElseThrow();
    assertEquals(title, row.get("title"));
    assertEquals(description, row.get("description"));
  }

  @Test
  void missingRow_isANamedErrorAndWritesNothing() {
    VideoRecordNotFoundException e = assertThrows(VideoRecordNotFoundException.class,
        () -> store.updateMetadata("rec_missing", metadata("T", "D")));
    assertTrue(e.getMessage().contains("rec_missing"), e.getMessage());
    assertEquals(0, TestDatabase.count(database, "videos"));
  }

  @Test
  void hugeIdWithControlCharacters_isRefusedEchoedBoundedAndEscaped() {
    String id = "rec_\nforged log line\t" + "x".repeat(200_000);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> store.updateMetadata(id, metadata("T", "D")));
    assertTrue(e.getMessage().length() < 300, "message of " + e.getMessage().length() + " characters");
    assertTrue(e.getMessage().contains("rec_\\u000aforged log line\\u0009xxx"), e.getMessage());
    assertTrue(e.getMessage().chars().noneMatch(Character::isISOControl), e.getMessage());
  }

  /** Every way in, on a database that cannot be reached: asking it would fail otherwise. */
  @Test
  void idWithNul_isRefusedBeforeTheDatabaseIsAsked() {
    ConfigReader config = new ConfigReader(Map.of("XATA_DB_URL", "postgresql://postgres@127.0.0.1:1/unreachable"));
    XataSettings settings = XataSettings.read(config);
    config.validate();
    VideoStore unreachable = new VideoStore(new XataConnection(settings));
    String id = "rec_1\u0000";
    List<TranscriptChunk> chunks = List.of(new TranscriptChunk(0, "text", 0, 1));
    List<Executable> uses = List.of(
        () -> unreachable.requireRow(id, "dQw4w9WgXcQ"),
        () -> unreachable.updateMetadata(id, metadata("T", "D")),
        () -> unreachable.saveTranscript(id, new StoredTranscript("dQw4w9WgXcQ", "en", "manual", "en", 1, 256, 32,
            chunks)),
        () -> unreachable.readTranscript(id),
        () -> unreachable.markFailed(id, "reason"),
        () -> unreachable.markFailedIfUnfinished(id, "reason"),
        () -> new EmbeddingStore(new XataConnection(settings)).replace(id, chunks, List.of(new float[1024])));
    for (Executable use : uses) {
      InvalidInputException e = assertThrows(InvalidInputException.class, use);
      assertTrue(e.getMessage().contains("'rec_1\\u0000'"), e.getMessage());
    }
  }

  @Test
  void schema_canBeAppliedAgain() {
    new SchemaMigrator(database).apply();
    new SchemaMigrator(database).apply();
    assertEquals(0, TestDatabase.count(database, "embeddings"));
  }

  @Test
  void killedConnection_isReopenedOnNextUse() throws Exception {
    TestDatabase.insertVideo(database, "rec_3", "dQw4w9WgXcQ", null);
    Connection first = database.get();
    int pid = database.run("pid", c -> {
      try (var rs = c.createStatement().executeQuery("SELECT pg_backend_pid()")) {
        rs.next();
        return rs.getInt(1);
      }
    });
    try (XataConnection admin = new XataConnection(TestDatabase.settings())) {
      TestDatabase.execute(admin, "SELECT pg_terminate_backend(" + pid + ")");
    }

    store.updateMetadata("rec_3", metadata("After restart", "D"));

    assertNotSame(first, database.get());
    assertEquals("After restart", TestDatabase.video(database, "rec_3").orElseThrow().get("title"));
  }

  /** Commits one embedding for the video the way the Embedding step does: the row becomes ready. */
  private void makeReady(String videoId) {
    new EmbeddingStore(database).replace(videoId, List.of(new TranscriptChunk(0, "text", 0, 1)),
        List.of(new float[EmbeddingStore.DIMENSIONS]));
  }

  @Test
  void markFailed_marksAPendingOrFailedRow_andSaysWhenThereIsNone() {
    TestDatabase.insertVideo(database, "rec_4", "dQw4w9WgXcQ", null);

    assertEquals(VideoStore.FailureMark.MARKED, store.markFailed("rec_4", "first reason"));
    assertEquals(VideoStore.FailureMark.MARKED, store.markFailed("rec_4", "a later execution's reason"));
    assertEquals(VideoStore.FailureMark.NO_ROW, store.markFailed("rec_missing", "reason"));

    Map<String, Object> row = TestDatabase.video(database, "rec_4").orElseThrow();
    assertEquals("failed", row.get("status"));
    assertEquals("a later execution's reason", row.get("error"));
    assertEquals(1, TestDatabase.count(database, "videos"), "no row was created");
  }

  @Test
  void markFailed_onAReadyRow_leavesItAsItIs() {
    TestDatabase.insertVideo(database, "rec_5", "dQw4w9WgXcQ", null);
    makeReady("rec_5");
    Map<String, Object> before = TestDatabase.video(database, "rec_5").orElseThrow();

    assertEquals(VideoStore.FailureMark.KEPT_READY, store.markFailed("rec_5", "an older execution's failure"));

    assertEquals(before, TestDatabase.video(database, "rec_5").orElseThrow(), "not a column changed, updated_at included");
    assertEquals("ready", before.get("status"));
    assertEquals(true, before.get("chat_enabled"));
  }

  @Test
  void markFailed_waitingForAnEmbeddingThatCommitsReady_keepsTheReadyRow() throws Exception {
    TestDatabase.insertVideo(database, "rec_6", "dQw4w9WgXcQ", null);
    try (XataConnection embedding = new XataConnection(TestDatabase.settings());
         XataConnection recorder = new XataConnection(TestDatabase.settings())) {
      // An Embedding transaction that has made the row ready but not committed yet: it holds the row lock.
      Connection open = embedding.get();
      open.setAutoCommit(false);
      try (var ready = open.createStatement()) {
        ready.executeUpdate("UPDATE videos SET chat_enabled = true, status = 'ready', error = NULL WHERE id = 'rec_6'");
      }
      CompletableFuture<VideoStore.FailureMark> mark = CompletableFuture.supplyAsync(
          () -> new VideoStore(recorder).markFailed("rec_6", "late failure"));
      awaitBlockedOnARowLock(mark);

      open.commit();

      assertEquals(VideoStore.FailureMark.KEPT_READY, mark.get(30, TimeUnit.SECONDS),
          "the UPDATE re-checks its WHERE on the committed row");
    }
    assertEquals("ready", TestDatabase.video(database, "rec_6").orElseThrow().get("status"));
  }

  /** Waits until the failure's UPDATE waits for a row lock (or fails, naming what it did instead). */
  private void awaitBlockedOnARowLock(CompletableFuture<?> update) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      boolean waiting = database.run("lock waits", connection -> {
        try (var rs = connection.createStatement().executeQuery("SELECT count(*) FROM pg_stat_activity"
            + " WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE videos SET status = ''failed''%'")) {
          rs.next();
          return rs.getInt(1) > 0;
        }
      });
      if (waiting) {
        return;
      }
      if (update.isDone()) {
        throw new AssertionError("the UPDATE did not wait for the row lock: " + update.get());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the UPDATE never waited for the row lock within 30 s");
      }
      Thread.sleep(10);
    }
  }
}
