package com.youtubechat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.youtubechat.emulators.CohereEmulator;
import com.youtubechat.emulators.PusherEmulator;
import com.youtubechat.emulators.YoutubeEmulator;
import com.youtubechat.shared.testing.TestDatabase;
import com.youtubechat.shared.xata.SchemaMigrator;
import com.youtubechat.shared.xata.XataConnection;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo} and {@code run} from the packaged jar, as a user runs them: a fresh JVM, a clean
 * environment, an empty working directory (so the template and the ASL come from the jar).
 */
class DemoAndRunJarIT {

  private static final Pattern DATA_DIRECTORY = Pattern.compile("data in (/\\S+), schema applied");
  private static final Pattern PORT = Pattern.compile("PostgreSQL [\\d.]+ on 127\\.0\\.0\\.1:(\\d+),");

  @Test
  void demo_inAnEmptyDirectory_runsEveryStateOnItsOwnPostgres_andLeavesNothingBehind(@TempDir Path dir)
      throws Exception {
    // A .env that names another database (as a developer's does for 'run'): the demo must not write there.
    Files.writeString(dir.resolve(".env"), "XATA_DB_URL=postgresql://someone@127.0.0.1:9/production\n");
    JarRun demo = JarRun.run(dir, Map.of(), "demo");

    assertEquals(0, demo.status(), demo::toString);
    assertEquals("", demo.err());
    String out = demo.out();
    assertTrue(out.contains("XATA_DB_URL in .env is not used by the demo"), out);
    assertTrue(out.contains("Definition  template.yaml and statemachine/youtube-chat.asl.json bundled in the jar"), out);
    DemoCommandTest.assertEveryStateShown(out);
    assertTrue(out.contains("\nSUCCEEDED in "), out);
    int chunks = DemoCommandTest.summaryNumber(out, "Chunks");
    assertTrue(chunks > 1, out);
    assertEquals(chunks, DemoCommandTest.summaryNumber(out, "Embeddings"));
    assertEquals(2, DemoCommandTest.summaryNumber(out, "Pusher"));
    assertEquals(2, out.lines().filter(line -> line.contains("video-chat / video-details {")).count(), out);

    Matcher data = DATA_DIRECTORY.matcher(out);
    Matcher port = PORT.matcher(out);
    assertTrue(data.find() && port.find(), out);
    Path dataDirectory = Path.of(data.group(1));
    assertTrue(out.strip().endsWith("Stopped PostgreSQL and deleted " + dataDirectory), out);
    assertFalse(Files.exists(dataDirectory), dataDirectory + " is left behind");
    List<String> leftovers = ProcessHandle.allProcesses()
        .map(process -> process.info().commandLine().orElse(""))
        .filter(commandLine -> commandLine.contains(dataDirectory.toString())).toList();
    assertEquals(List.of(), leftovers, "processes left running");
    assertFalse(isListening(Integer.parseInt(port.group(1))), "PostgreSQL still listens on " + port.group(1));
  }

  @Test
  void demo_withXataDbUrl_appliesTheSchemaToThatDatabase_andWritesTheDemoThere(@TempDir Path dir) throws Exception {
    try (ScratchDatabase scratch = new ScratchDatabase()) { // empty: no schema yet
      JarRun demo = JarRun.run(dir, Map.of("XATA_DB_URL", scratch.url), "demo");

      assertEquals(0, demo.status(), demo::toString);
      assertTrue(demo.out().contains("/" + scratch.name + " as postgres (XATA_DB_URL): schema applied"), demo::toString);
      assertFalse(demo.out().contains("throwaway"), demo::toString);
      try (XataConnection database = scratch.connect()) {
        assertEquals(DemoCommandTest.summaryNumber(demo.out(), "Embeddings"), TestDatabase.count(database, "embeddings"));
        assertEquals("ready", TestDatabase.video(database, SampleVideo.RECORD_ID).orElseThrow().get("status"));
      }
    }
  }

  @Test
  void run_againstEmulatorsStandingInForTheServices_createsTheRowAndSucceeds(@TempDir Path dir) throws Exception {
    SampleVideo sample = SampleVideo.load();
    try (ScratchDatabase scratch = new ScratchDatabase();
         YoutubeEmulator youtube = new YoutubeEmulator();
         CohereEmulator cohere = new CohereEmulator();
         PusherEmulator pusher = new PusherEmulator()) {
      try (XataConnection database = scratch.connect()) {
        new SchemaMigrator(database).apply();
      }
      youtube.add(sample.fake());
      Map<String, String> env = new HashMap<>();
      env.put("XATA_DB_URL", scratch.url);
      env.putAll(youtube.environment());
      env.putAll(cohere.environment());
      env.putAll(pusher.environment());

      JarRun run = JarRun.run(dir, env, "run", sample.url());

      assertEquals(0, run.status(), run::toString);
      assertTrue(run.out().contains("Row         Inserted videos row rec_"), run::toString);
      DemoCommandTest.assertEveryStateShown(run.out());
      int chunks = DemoCommandTest.summaryNumber(run.out(), "Chunks");
      assertTrue(chunks > 1, run::toString);
      assertEquals(2, pusher.events().size(), "the jar's handlers called the Pusher emulator");
      try (XataConnection database = scratch.connect()) {
        assertEquals(1, TestDatabase.count(database, "videos"));
        assertEquals(chunks, TestDatabase.count(database, "embeddings"));
      }
      assertFalse(run.out().contains(PusherEmulator.SECRET) || run.out().contains(CohereEmulator.API_KEY), run::toString);
    }
  }

  @Test
  void run_withoutConfiguration_namesTheVariables_exits1_andArgumentErrorsExit2(@TempDir Path dir) throws Exception {
    JarRun missing = JarRun.run(dir, Map.of(), "run", "dQw4w9WgXcQ");
    assertEquals(1, missing.status(), missing::toString);
    assertEquals(1, missing.errLines().size(), missing::toString);
    assertTrue(missing.err().startsWith("error: Invalid configuration: XATA_DB_URL is not set"), missing::toString);
    assertTrue(missing.err().contains("COHERE_API_KEY is not set"), missing::toString);

    JarRun noVideo = JarRun.run(dir, Map.of(), "run");
    assertEquals(2, noVideo.status(), noVideo::toString);
    assertEquals("error: Missing required parameter: '<url|id>'", noVideo.errLines().get(0));

    JarRun extra = JarRun.run(dir, Map.of(), "demo", "now");
    assertEquals(2, extra.status(), extra::toString);
    assertTrue(extra.errLines().get(0).startsWith("error: Unmatched argument"), extra::toString);
  }

  private static boolean isListening(int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
      return true;
    } catch (ConnectException refused) {
      return false;
    }
  }
}
