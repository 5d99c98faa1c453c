package com.youtubechat.chatready;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.youtubechat.emulators.PusherEmulator;
import com.youtubechat.shared.config.ConfigReader;
import org.junit.jupiter.api.Test;

/** SnapStart priming runs the ChatReady code paths without sending anything. */
class ChatReadyPrimingTest {

  @Test
  void priming_sendsNothing() {
    try (PusherEmulator pusher = new PusherEmulator()) {
      ChatReadyService service = ChatReadyService.fromEnvironment(new ConfigReader(pusher.environment()));

      service.prime();

      assertEquals(0, pusher.requestCount());
      service.announce(new ChatReadyRequest("rec_1"));
      assertEquals(1, pusher.events().size(), "the primed client still sends: " + pusher.rejections());
    }
  }
}
