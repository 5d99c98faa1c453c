package com.youtubechat.info;

import com.youtubechat.shared.bench.ColdStart;
import com.youtubechat.shared.testing.FakeVideo;
import com.youtubechat.shared.testing.PusherEmulator;
import com.youtubechat.shared.testing.TestDatabase;
import com.youtubechat.shared.testing.YoutubeEmulator;
import com.youtubechat.shared.xata.XataConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cold start of the Info function: JVM launch to first result, one CPU, against the loopback
 * emulators and the local PostgreSQL. Not a test; run with {@code make bench-info}, which builds the
 * artifact the way {@code sam build} does and starts the database. Args: artifact dir, runs.
 */
public final class InfoColdStartBenchmark {

  private InfoColdStartBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path artifact = Path.of(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path event = Files.createTempFile("info-event", ".json");
    Files.writeString(event, "{\"id\":\"rec_bench\",\"youtubeId\":\"dQw4w9WgXcQ\","
        + "\"url\":\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\"}");
    try (YoutubeEmulator youtube = new YoutubeEmulator(); PusherEmulator pusher = new PusherEmulator()) {
      youtube.add(new FakeVideo("dQw4w9WgXcQ"));
      Map<String, String> env = new HashMap<>(youtube.environment());
      env.putAll(pusher.environment());
      env.put("XATA_DB_URL", TestDatabase.url());
      List<ColdStart.Run> measured = new ArrayList<>();
      for (int i = 0; i <= runs; i++) {
        try (XataConnection database = TestDatabase.fresh()) {
          TestDatabase.insertVideo(database, "rec_bench", "dQw4w9WgXcQ", null);
        }
        ColdStart.Run run = ColdStart.run(artifact, InfoHandler.class.getName(), event, env);
        if (i > 0) { // the first run warms the OS page cache and is discarded
          measured.add(run);
        }
      }
      ColdStart.print("InfoFunction (java " + System.getProperty("java.version") + ", taskset -c 0, C1)", measured);
      System.out.println("  output: " + measured.get(0).output());
      System.out.println("  Pusher events received: " + pusher.events().size());
    } finally {
      Files.deleteIfExists(event);
    }
  }
}
