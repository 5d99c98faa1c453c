package com.youtubechat.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.testing.Connections;
import com.youtubechat.shared.testing.TestDatabase;
import com.youtubechat.emulators.YoutubeEmulator;
import com.youtubechat.shared.xata.XataConnection;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SnapStart priming runs the Transcript code paths without a request, a write, or a connection. */
class TranscriptPrimingTest {

  @Test
  void priming_sendsNothingWritesNothingAndLeavesNoConnection() {
    try (YoutubeEmulator youtube = new YoutubeEmulator(); XataConnection database = TestDatabase.fresh()) {
      Map<String, String> env = new HashMap<>(youtube.environment());
      env.put("XATA_DB_URL", TestDatabase.url());
      TranscriptService service = TranscriptService.fromEnvironment(new ConfigReader(env));

      var start = Connections.now(database);
      service.prime();
      service.reset();

      assertTrue(youtube.requests().isEmpty());
      assertEquals(0, TestDatabase.count(database, "videos"));
      assertEquals(0, Connections.openedSince(database, start));
    }
  }
}
