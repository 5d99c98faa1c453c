package com.youtubechat.info;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.model.VideoRecord;
import com.youtubechat.shared.testing.Connections;
import com.youtubechat.emulators.FakeVideo;
import com.youtubechat.shared.testing.TestDatabase;
import com.youtubechat.emulators.YoutubeEmulator;
import com.youtubechat.shared.xata.XataConnection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SnapStart priming runs the Info code paths without a request, a write, or a connection left open. */
class InfoPrimingTest {

  @Test
  void priming_sendsNothingWritesNothingAndLeavesNoConnection() {
    try (YoutubeEmulator youtube = new YoutubeEmulator(); XataConnection database = TestDatabase.fresh()) {
      youtube.add(new FakeVideo("dQw4w9WgXcQ"));
      TestDatabase.insertVideo(database, "rec_1", "dQw4w9WgXcQ", null);
      Map<String, String> env = new HashMap<>(youtube.environment());
      env.put("XATA_DB_URL", TestDatabase.url());
      InfoService service = InfoService.fromEnvironment(new ConfigReader(env));

      var start = Connections.now(database);
      service.prime();
      service.reset();

      assertTrue(youtube.requests().isEmpty());
      assertNull(TestDatabase.video(database, "rec_1").orElseThrow().get("title"));
      assertEquals(0, Connections.openedSince(database, start), "no connection opened by priming");

      service.process(new VideoRecord("rec_1", "dQw4w9WgXcQ", null));
      assertEquals(0, Connections.awaitOpenedSince(database, start, 0, Duration.ofSeconds(30)),
          "the invocation's connection is released when it ends");
      service.reset(); // what afterRestore does
      service.process(new VideoRecord("rec_1", "dQw4w9WgXcQ", null));
      assertEquals("Never Gonna Give You Up", TestDatabase.video(database, "rec_1").orElseThrow().get("title"));
    }
  }
}
