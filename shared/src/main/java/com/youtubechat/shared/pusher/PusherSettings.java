package com.youtubechat.shared.pusher;

import com.youtubechat.shared.config.ConfigReader;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Pusher Channels configuration. Notifications are off when none of {@code PUSHER_APP_ID},
 * {@code PUSHER_KEY}, {@code PUSHER_SECRET} is set; setting only some of them is an error.
 *
 * @param baseUrl {@code PUSHER_BASE_URL}, overriding {@code https://api-{cluster}.pusher.com}
 */
public record PusherSettings(
    boolean enabled,
    String appId,
    String key,
    String secret,
    String cluster,
    Optional<URI> baseUrl,
    String channel,
    String event,
    int timeoutMillis) {

  public static final int DATA_LIMIT_BYTES = 10_240;

  public static PusherSettings read(ConfigReader config) {
    List<String> credentials = List.of("PUSHER_APP_ID", "PUSHER_KEY", "PUSHER_SECRET");
    boolean anySet = credentials.stream().anyMatch(name -> config.optional(name).isPresent());
    String channel = config.optional("PUSHER_CHANNEL", "video-chat");
    String event = config.optional("PUSHER_EVENT", "video-details");
    if (!channel.matches("[-a-zA-Z0-9_=@,.;]{1,164}")) {
      config.problem("PUSHER_CHANNEL", "must be 1-164 characters from A-Z a-z 0-9 _ - = @ , . ;");
    } else if (channel.startsWith("private-encrypted-")) {
      // Triggering on an end-to-end encrypted channel needs an encryption master key, which this
      // project does not configure: every event would fail. A private- channel is enough to keep
      // the events to signed-in users (README: the web app's events).
      config.problem("PUSHER_CHANNEL", "private-encrypted- channels are not supported; use a private- channel");
    }
    if (!event.matches("[-a-zA-Z0-9_]{1,200}")) {
      config.problem("PUSHER_EVENT", "must be letters, digits, '-' and '_'");
    }
    int timeoutMillis = 1000 * config.integer("PUSHER_TIMEOUT_SECONDS", 5, 1, 60);
    if (!anySet) {
      return new PusherSettings(false, "", "", "", "", Optional.empty(), channel, event, timeoutMillis);
    }
    String purpose = "needed with the other PUSHER_* credentials; unset all three to turn notifications off";
    return new PusherSettings(true,
        config.required("PUSHER_APP_ID", purpose),
        config.required("PUSHER_KEY", purpose),
        config.required("PUSHER_SECRET", purpose),
        config.optional("PUSHER_CLUSTER", "mt1"),
        config.optional("PUSHER_BASE_URL").map(raw -> config.httpUrl("PUSHER_BASE_URL", raw)),
        channel, event, timeoutMillis);
  }

  @Override
  public String toString() {
    return "PusherSettings[enabled=" + enabled + ", appId=" + appId + ", cluster=" + cluster
        + ", baseUrl=" + baseUrl.map(URI::toString).orElse("default") + ", channel=" + channel
        + ", event=" + event + ", secret=" + (secret.isEmpty() ? "unset" : "set") + "]";
  }
}
