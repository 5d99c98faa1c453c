package com.youtubechat.chatready;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.youtubechat.emulators.PusherEmulator;
import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.testing.Connections;
import com.youtubechat.shared.testing.TestDatabase;
import com.youtubechat.shared.xata.XataConnection;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SnapStart priming runs the ChatReady code paths without sending anything or connecting. */
class ChatReadyPrimingTest {

  @Test
  void priming_sendsNothingAndConnectsNot_andTheResetServiceStillWorks() {
    try (PusherEmulator pusher = new PusherEmulator(); XataConnection database = TestDatabase.fresh()) {
      TestDatabase.insertVideo(database, "rec_1", "dQw4w9WgXcQ", null);
      TestDatabase.execute(database, "UPDATE videos SET chat_enabled = true, status = 'ready' WHERE id = 'rec_1'");
      Map<String, String> env = new HashMap<>(pusher.environment());
      env.put("XATA_DB_URL", TestDatabase.url());
      ChatReadyService service = ChatReadyService.fromEnvironment(new ConfigReader(env));

      var start = Connections.now(database);
      service.prime();
      service.reset();

      assertEquals(0, pusher.requestCount());
      assertEquals(0, Connections.openedSince(database, start), "no connection opened by priming");
      service.announce(new ChatReadyRequest("rec_1"));
      assertEquals(1, pusher.events().size(), "the primed client still sends: " + pusher.rejections());
      service.reset(); // what afterRestore does
      service.announce(new ChatReadyRequest("rec_1"));
      assertEquals(2, pusher.events().size());
    }
  }
}
