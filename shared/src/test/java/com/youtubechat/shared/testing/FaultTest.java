package com.youtubechat.shared.testing;

import com.youtubechat.emulators.YoutubeEmulator;
import com.youtubechat.emulators.FakeVideo;
import com.youtubechat.emulators.PusherEmulator;
import com.youtubechat.emulators.Fault;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.error.TransientException;
import com.youtubechat.shared.pusher.PusherSettings;
import com.youtubechat.shared.pusher.VideoDetailsEvent;
import com.youtubechat.shared.pusher.VideoEvents;
import com.youtubechat.shared.youtube.MetadataClient;
import com.youtubechat.shared.youtube.YoutubeHttp;
import com.youtubechat.shared.youtube.YoutubeSettings;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The injected faults reach the clients as the failures they stand for, each a retryable error. */
class FaultTest {

  @Test
  void youtubeTimeoutAndReset_areTransient() {
    try (YoutubeEmulator youtube = new YoutubeEmulator()) {
      youtube.add(new FakeVideo("dQw4w9WgXcQ"));
      Map<String, String> env = new HashMap<>(youtube.environment());
      env.put("YOUTUBE_TIMEOUT_SECONDS", "1");
      ConfigReader config = new ConfigReader(env);
      YoutubeSettings settings = YoutubeSettings.read(config);
      config.validate();
      MetadataClient client = MetadataClient.create(settings, new YoutubeHttp(settings));
      youtube.inject("/watch", Fault.TIMEOUT, 1);
      assertTrue(assertThrows(TransientException.class, () -> client.fetch("dQw4w9WgXcQ")).getMessage()
          .contains("Could not reach YouTube"));
      // OkHttp itself retries a reset connection (3 attempts in all here), so a reset is felt only when it persists.
      youtube.inject("/youtubei", Fault.RESET, 3);
      assertTrue(assertThrows(TransientException.class, () -> client.fetch("dQw4w9WgXcQ")).getMessage()
          .contains("unexpected end of stream"));
      assertEquals("Never Gonna Give You Up", client.fetch("dQw4w9WgXcQ").title());
    }
  }

  @Test
  void pusherTimeoutAndReset_areTransient() {
    try (PusherEmulator pusher = new PusherEmulator()) {
      Map<String, String> env = new HashMap<>(pusher.environment());
      env.put("PUSHER_TIMEOUT_SECONDS", "1");
      ConfigReader config = new ConfigReader(env);
      VideoEvents events = VideoEvents.create(PusherSettings.read(config));
      pusher.inject(Fault.TIMEOUT, 1);
      assertThrows(TransientException.class, () -> events.videoDetails(VideoDetailsEvent.of("rec_1")));
      pusher.inject(Fault.RESET, 1);
      assertThrows(TransientException.class, () -> events.videoDetails(VideoDetailsEvent.of("rec_1")));
      events.videoDetails(VideoDetailsEvent.of("rec_1"));
      assertEquals(1, pusher.events().size());
    }
  }
}
