package com.youtubechat.shared.pusher;

import com.pusher.rest.Pusher;
import com.pusher.rest.data.Result;
import com.youtubechat.shared.error.PusherRejectedException;
import com.youtubechat.shared.error.TransientException;
import com.youtubechat.shared.json.Json;
import com.youtubechat.shared.log.Log;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * {@link VideoEvents} on pusher-http-java's synchronous client. The payload is serialised with the
 * project's Jackson and handed to Pusher as-is (the library's Gson marshaller would encode the JSON
 * string a second time), and kept under Pusher's 10 KB data limit by shortening the description.
 * The HTTP status decides the outcome, not the library's {@code shouldRetry}, which calls 413 retryable.
 */
public final class PusherVideoEvents implements VideoEvents {

  private static final System.Logger LOG = Log.get(PusherVideoEvents.class);
  private static final String ELLIPSIS = "…";

  private final PusherSettings settings;
  private final Pusher pusher;

  public PusherVideoEvents(PusherSettings settings) {
    this.settings = settings;
    this.pusher = new Pusher(settings.appId(), settings.key(), settings.secret());
    if (settings.baseUrl().isPresent()) {
      var base = settings.baseUrl().get();
      pusher.setHost(base.getPort() > 0 ? base.getHost() + ":" + base.getPort() : base.getHost());
      pusher.setEncrypted("https".equals(base.getScheme()));
    } else {
      pusher.setCluster(settings.cluster());
      pusher.setEncrypted(true);
    }
    pusher.setRequestTimeout(settings.timeoutMillis());
    pusher.setDataMarshaller(data -> (String) data);
  }

  @Override
  public void videoDetails(VideoDetailsEvent event) {
    String data = fitToLimit(event);
    Result result = pusher.trigger(settings.channel(), settings.event(), data);
    Integer status = result.getHttpStatus();
    if (status != null && status == 200) {
      LOG.log(System.Logger.Level.INFO, "sent {0} for video {1} ({2} bytes)",
          settings.event(), event.id(), String.valueOf(utf8Length(data)));
      return;
    }
    String what = "Pusher " + settings.event() + " event for video " + event.id();
    if (status == null) {
      throw new TransientException("Could not reach Pusher to send the " + what + ": " + result.getMessage());
    }
    if (status == 429 || status >= 500) {
      throw new TransientException("Pusher answered HTTP " + status + " to the " + what + ": "
          + result.getMessage());
    }
    throw new PusherRejectedException("Pusher refused the " + what + " with HTTP " + status + ": "
        + result.getMessage() + hint(status));
  }

  @Override
  public void warm() {
    String data = fitToLimit(new VideoDetailsEvent("rec_warmup", "Title", "Author", "https://i.ytimg.com/vi/x/0.jpg",
        1L, "2020-01-01T00:00:00Z", "é".repeat(6_000), null, null, null, null));
    pusher.signedUri("POST", "/apps/" + settings.appId() + "/events", Json.write(java.util.Map.of(
        "name", settings.event(), "channels", java.util.List.of(settings.channel()), "data", data)));
  }

  private static String hint(int status) {
    return switch (status) {
      case 401 -> ". Check PUSHER_APP_ID, PUSHER_KEY and PUSHER_SECRET (and the server clock)";
      case 403 -> ". The Pusher app is disabled or over its message quota";
      case 404 -> ". PUSHER_APP_ID or PUSHER_CLUSTER does not name an existing app";
      default -> "";
    };
  }

  /** The serialised event, with the description (then the error text) shortened until it fits. */
  static String fitToLimit(VideoDetailsEvent event) {
    String data = Json.write(event);
    if (utf8Length(data) <= PusherSettings.DATA_LIMIT_BYTES) {
      return data;
    }
    VideoDetailsEvent shorter = shorten(event, VideoDetailsEvent::description, VideoDetailsEvent::withDescription);
    shorter = shorten(shorter, VideoDetailsEvent::error, VideoDetailsEvent::withError);
    data = Json.write(shorter);
    if (utf8Length(data) > PusherSettings.DATA_LIMIT_BYTES) {
      // Only the short fields are left; the id alone always fits and the web app refetches the rest.
      data = Json.write(VideoDetailsEvent.of(event.id()));
    }
    return data;
  }

  /** Keeps the longest prefix of one field (whole code points, plus an ellipsis) that fits. */
  private static VideoDetailsEvent shorten(VideoDetailsEvent event, Function<VideoDetailsEvent, String> field,
      BiFunction<VideoDetailsEvent, String, VideoDetailsEvent> with) {
    String value = field.apply(event);
    if (value == null || utf8Length(Json.write(event)) <= PusherSettings.DATA_LIMIT_BYTES) {
      return event;
    }
    int low = 0;
    int high = value.codePointCount(0, value.length());
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      if (utf8Length(Json.write(with.apply(event, prefix(value, mid)))) <= PusherSettings.DATA_LIMIT_BYTES) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return with.apply(event, low == 0 ? "" : prefix(value, low));
  }

  private static String prefix(String value, int codePoints) {
    return value.substring(0, value.offsetByCodePoints(0, codePoints)) + ELLIPSIS;
  }

  static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
