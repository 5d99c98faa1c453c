package com.youtubechat.shared.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.youtubechat.shared.error.ConfigurationException;
import com.youtubechat.shared.pusher.PusherSettings;
import com.youtubechat.shared.xata.XataSettings;
import com.youtubechat.shared.youtube.YoutubeSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {

  @Test
  void severalProblems_areReportedTogetherByNameWithoutValues() {
    ConfigReader config = new ConfigReader(Map.of(
        "PUSHER_KEY", "pusher-key-value",
        "YOUTUBE_PROXY_URL", "socks5://user:hunter2@proxy:1080",
        "YOUTUBE_TIMEOUT_SECONDS", "soon",
        "YOUTUBE_BASE_URL", "not a url"));
    XataSettings.read(config);
    YoutubeSettings.read(config);
    PusherSettings.read(config);

    ConfigurationException e = assertThrows(ConfigurationException.class, config::validate);

    String message = e.getMessage();
    for (String name : new String[] {"XATA_DB_URL", "PUSHER_APP_ID", "PUSHER_SECRET", "YOUTUBE_PROXY_URL",
        "YOUTUBE_TIMEOUT_SECONDS", "YOUTUBE_BASE_URL"}) {
      assertTrue(message.contains(name), name + " missing from: " + message);
    }
    assertFalse(message.contains("hunter2"), message);
    assertFalse(message.contains("pusher-key-value"), message);
    assertEquals(6, config.problems().size(), config.problems().toString());
  }

  @Test
  void blankValue_countsAsUnset() {
    ConfigReader config = new ConfigReader(Map.of("XATA_DB_URL", "   "));
    XataSettings.read(config);
    assertEquals(1, config.problems().size());
    assertTrue(config.problems().get(0).startsWith("XATA_DB_URL is not set"));
  }

  @Test
  void noPusherCredentials_turnsNotificationsOffWithoutError() {
    ConfigReader config = new ConfigReader(Map.of());
    PusherSettings settings = PusherSettings.read(config);
    assertFalse(settings.enabled());
    assertEquals("video-chat", settings.channel());
    assertEquals("video-details", settings.event());
    assertTrue(config.problems().isEmpty());
  }

  @Test
  void proxyUrl_isParsedWithCredentialsHiddenFromToString() {
    ConfigReader config = new ConfigReader(Map.of("YOUTUBE_PROXY_URL", "http://user%40x:p%3Ass@proxy.example:3128"));
    YoutubeSettings settings = YoutubeSettings.read(config);
    config.validate();
    var proxy = settings.proxy().orElseThrow();
    assertEquals("proxy.example", proxy.host());
    assertEquals(3128, proxy.port());
    assertEquals("user@x", proxy.username().orElseThrow());
    assertEquals("p:ss", proxy.password().orElseThrow());
    assertFalse(settings.toString().contains("p:ss"), settings.toString());
  }
}
