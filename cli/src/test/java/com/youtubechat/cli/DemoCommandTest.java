package com.youtubechat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.youtubechat.shared.testing.TestDatabase;
import com.youtubechat.shared.xata.XataConnection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code demo} in this JVM on the test database (XATA_DB_URL): the whole state machine, the
 * emulators, the summary read back from the database. The jar test runs it on its own PostgreSQL.
 */
class DemoCommandTest {

  static final List<String> STATES = List.of("ProcessVideo", "Info", "NotifyInfo", "Transcript", "Embedding", "ChatReady",
      "CheckOutcome", "Done");
  /** The Lambda steps of a successful run, as the summary's Steps line names them. */
  static final List<String> TASKS = List.of("Info", "NotifyInfo", "Transcript", "Embedding", "ChatReady");

  private XataConnection database;

  @BeforeEach
  void setUp() {
    database = TestDatabase.fresh();
  }

  @AfterEach
  void tearDown() {
    if (database != null) {
      database.close();
    }
  }

  /** The number after a summary field, e.g. {@code Chunks       7 (...)}. */
  static int summaryNumber(String out, String field) {
    Matcher matcher = Pattern.compile("(?m)^  " + field + " +(\\d+) ").matcher(out);
    assertTrue(matcher.find(), field + " missing from the summary:\n" + out);
    return Integer.parseInt(matcher.group(1));
  }

  /**
   * Any duration as {@link ExecutionReport#duration} prints it: which unit appears depends on how fast
   * the machine ran the step, so tests accept them all and check the structure only.
   */
  static final String DURATION = "(?:\\d+ ms|\\d+\\.\\d s|\\d+ min \\d{2} s|\\d+ h \\d{2} min)";

  /** Every state of a successful run started and ended, with ▶/✔ (or the ASCII > and +). */
  static void assertEveryStateShown(String out) {
    for (String state : STATES) {
      assertTrue(Pattern.compile("(?m)^  [▶>] " + state + "$").matcher(out).find(), state + " not started in\n" + out);
      assertTrue(Pattern.compile("(?m)^  [✔+] " + state + " +" + DURATION + "$").matcher(out).find(), state + " not ended in\n" + out);
    }
  }

  @Test
  void demo_withXataDbUrl_appliesTheSchemaRunsEveryStateAndSummarises_exits0() {
    CliRun run = CliRun.run(Map.of("XATA_DB_URL", TestDatabase.url()), "demo");

    assertEquals(0, run.status(), run::toString);
    assertEquals("", run.err());
    assertTrue(run.out().contains("(XATA_DB_URL): schema applied, the demo row rec_demo0000000000000000 and its"
        + " embeddings replaced"), run::toString);
    assertTrue(run.out().contains("bundled in the jar"), "cwd is the cli module, not the project root");
    assertEveryStateShown(run.out());
    assertTrue(run.out().contains("\nSUCCEEDED in "), run::toString);
    int chunks = summaryNumber(run.out(), "Chunks");
    assertTrue(chunks > 1, run::toString);
    assertEquals(chunks, summaryNumber(run.out(), "Embeddings"));
    assertEquals(2, summaryNumber(run.out(), "Pusher"));
    assertTrue(run.out().contains("video-chat / video-details {\"id\":\"rec_demo0000000000000000\",\"title\":\"The Quiet"),
        run::toString);
    assertTrue(run.out().contains("\"chatEnabled\":true,\"status\":\"ready\"}"), run::toString);
    Matcher steps = Pattern.compile("(?m)^  Steps +(.*)$").matcher(run.out());
    assertTrue(steps.find(), run::toString);
    // The two branches run at once, so the steps may be listed in either branch's order.
    List<String> listed = List.of(steps.group(1).split(", "));
    assertEquals(TASKS.size(), listed.size(), steps.group(1));
    for (String task : TASKS) {
      assertTrue(listed.stream().anyMatch(step -> step.matches(task + " " + DURATION)), task + " in " + steps.group(1));
    }
    assertTrue(run.out().contains("  Total        "), run::toString);

    Map<String, Object> row = TestDatabase.video(database, SampleVideo.RECORD_ID).orElseThrow();
    assertEquals("The Quiet Physics of a Cup of Tea", row.get("title"));
    assertEquals("ready", row.get("status"));
    assertEquals(true, row.get("chat_enabled"));
    assertEquals(chunks, TestDatabase.count(database, "embeddings"));
  }

  @Test
  void demo_twice_replacesTheDemoRow_leavingOneSetOfEmbeddings() {
    TestDatabase.insertVideo(database, "rec_webapp00000000000000", "dQw4w9WgXcQ", "https://youtu.be/dQw4w9WgXcQ");
    CliRun first = CliRun.run(Map.of("XATA_DB_URL", TestDatabase.url()), "demo");
    CliRun second = CliRun.run(Map.of("XATA_DB_URL", TestDatabase.url()), "demo");

    assertEquals(0, first.status(), first::toString);
    assertEquals(0, second.status(), second::toString);
    assertEquals(2, TestDatabase.count(database, "videos"), "the demo row and the other video's, untouched");
    assertEquals(summaryNumber(second.out(), "Chunks"), TestDatabase.count(database, "embeddings"));
  }
}
