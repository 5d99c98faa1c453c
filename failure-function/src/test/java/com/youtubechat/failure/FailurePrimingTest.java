package com.youtubechat.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.testing.Connections;
import com.youtubechat.emulators.PusherEmulator;
import com.youtubechat.shared.testing.TestDatabase;
import com.youtubechat.shared.xata.XataConnection;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SnapStart priming runs the failure recorder's code paths without a request, a write, or a connection. */
class FailurePrimingTest {

  @Test
  void priming_sendsNothingWritesNothingAndLeavesNoConnection() {
    try (PusherEmulator pusher = new PusherEmulator(); XataConnection database = TestDatabase.fresh()) {
      Map<String, String> env = new HashMap<>(pusher.environment());
      env.put("XATA_DB_URL", TestDatabase.url());
      FailureService service = FailureService.fromEnvironment(new ConfigReader(env));

      var start = Connections.now(database);
      service.prime();
      service.reset();

      assertEquals(0, pusher.requestCount());
      assertEquals(0, Connections.openedSince(database, start));
    }
  }
}
