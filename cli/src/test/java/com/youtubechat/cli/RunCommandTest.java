package com.youtubechat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.youtubechat.emulators.CohereEmulator;
import com.youtubechat.emulators.FakeVideo;
import com.youtubechat.emulators.PusherEmulator;
import com.youtubechat.emulators.YoutubeEmulator;
import com.youtubechat.shared.testing.TestDatabase;
import com.youtubechat.shared.xata.XataConnection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code run} in this JVM, with the emulators standing in for the real services (their base URLs
 * configured as a user would point at a proxy) and the test database.
 */
class RunCommandTest {

  private final SampleVideo sample = SampleVideo.load();
  private XataConnection database;
  private YoutubeEmulator youtube;
  private CohereEmulator cohere;
  private PusherEmulator pusher;
  private Map<String, String> env;

  @BeforeEach
  void setUp() {
    database = TestDatabase.fresh();
    youtube = new YoutubeEmulator();
    cohere = new CohereEmulator();
    pusher = new PusherEmulator();
    env = new HashMap<>();
    env.put("XATA_DB_URL", TestDatabase.url());
    env.putAll(youtube.environment());
    env.putAll(cohere.environment());
    env.putAll(pusher.environment());
    env.put("PATH", "/usr/bin"); // not a function variable: never passed to the handlers
  }

  @AfterEach
  void tearDown() {
    for (AutoCloseable closeable : new AutoCloseable[] {youtube, cohere, pusher, database}) {
      try {
        if (closeable != null) {
          closeable.close();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Test
  void run_videoWithoutRow_insertsItRunsEveryStateAndSucceeds_exits0() {
    youtube.add(sample.fake());
    CliRun run = CliRun.run(env, "run", "https://youtu.be/" + sample.youtubeId());

    assertEquals(0, run.status(), run::toString);
    assertEquals("", run.err());
    String id = onlyVideoId();
    assertTrue(RecordIds.SHAPE.matcher(id).matches(), id);
    assertTrue(run.out().contains("Row         Inserted videos row " + id + " for YouTube video " + sample.youtubeId()),
        run::toString);
    DemoCommandTest.assertEveryStateShown(run.out());
    int chunks = DemoCommandTest.summaryNumber(run.out(), "Chunks");
    assertTrue(chunks > 1, run::toString);
    assertEquals(chunks, DemoCommandTest.summaryNumber(run.out(), "Embeddings"));
    assertFalse(run.out().contains("  Pusher "), "the real Pusher's events cannot be seen from here");

    Map<String, Object> row = TestDatabase.video(database, id).orElseThrow();
    assertEquals("https://youtu.be/" + sample.youtubeId(), row.get("url"));
    assertEquals(sample.title(), row.get("title"));
    assertEquals("ready", row.get("status"));
    assertEquals(chunks, TestDatabase.count(database, "embeddings"));
    assertEquals(2, pusher.events().size(), pusher.events().toString());
    assertEquals(1, cohere.calls().size());
  }

  @Test
  void run_rowTheWebAppInserted_isReused() {
    youtube.add(sample.fake());
    TestDatabase.insertVideo(database, "rec_webapp00000000000000", sample.youtubeId(), sample.url());
    CliRun run = CliRun.run(env, "run", sample.youtubeId());

    assertEquals(0, run.status(), run::toString);
    assertTrue(run.out().contains("Reusing videos row rec_webapp00000000000000"), run::toString);
    assertEquals(1, TestDatabase.count(database, "videos"));
    assertEquals("ready", TestDatabase.video(database, "rec_webapp00000000000000").orElseThrow().get("status"));
  }

  @Test
  void run_videoWithoutCaptions_showsTheCaughtFailureAndTheRecorder_exits1() {
    youtube.add(new FakeVideo("dQw4w9WgXcQ").noTracks());
    CliRun run = CliRun.run(env, "run", "dQw4w9WgXcQ");

    assertEquals(1, run.status(), run::toString);
    assertEquals(List.of("error: the execution ended FAILED"), run.errLines());
    assertTrue(run.out().contains("  ✖ Transcript       failed after "), run::toString);
    assertTrue(run.out().contains("TranscriptsDisabledException") || run.out().contains("NoTranscriptException"),
        run::toString);
    assertTrue(run.out().contains("  ▶ RecordFailure\n"), run::toString);
    assertTrue(run.out().contains("\nFAILED in "), run::toString);
    assertTrue(run.out().contains("  Row status   failed, chat not enabled: "), run::toString);
    assertTrue(run.out().contains("  Embeddings   0 rows"), run::toString);
    Map<String, Object> row = TestDatabase.video(database, onlyVideoId()).orElseThrow();
    assertEquals("failed", row.get("status"));
    assertEquals("Never Gonna Give You Up", row.get("title"), "Info's metadata survives the transcript failure");
  }

  private String onlyVideoId() {
    assertEquals(1, TestDatabase.count(database, "videos"));
    return database.run("reading the id", connection -> {
      try (var rs = connection.createStatement().executeQuery("SELECT id FROM videos")) {
        rs.next();
        return rs.getString(1);
      }
    });
  }

  @Test
  void run_missingConfiguration_namesEveryVariableButNoValue_exits1_beforeWritingAnything() {
    CliRun run = CliRun.run(Map.of("PUSHER_SECRET", "pusher-secret-Zq81Lm", "COHERE_TIMEOUT_SECONDS", "0"),
        "run", "dQw4w9WgXcQ");

    assertEquals(1, run.status(), run::toString);
    assertEquals(1, run.errLines().size(), run::toString);
    String error = run.errLines().get(0);
    assertTrue(error.startsWith("error: Invalid configuration: "), error);
    for (String name : List.of("XATA_DB_URL", "COHERE_API_KEY", "COHERE_TIMEOUT_SECONDS", "PUSHER_APP_ID", "PUSHER_KEY")) {
      assertTrue(error.contains(name), name + " not named in " + error);
    }
    assertFalse(run.all().contains("pusher-secret-Zq81Lm"), run::toString);
    assertEquals("", run.out());
    assertEquals(0, TestDatabase.count(database, "videos"));
  }
}
