package com.youtubechat.shared.youtube;

import com.fasterxml.jackson.databind.JsonNode;
import com.youtubechat.shared.error.TransientException;
import com.youtubechat.shared.error.VideoUnavailableException;
import com.youtubechat.shared.error.YoutubeQuotaExceededException;
import com.youtubechat.shared.error.YoutubeRequestRejectedException;
import com.youtubechat.shared.error.YoutubeResponseUnparsableException;
import com.youtubechat.shared.json.Json;
import com.youtubechat.shared.model.VideoMetadata;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Metadata from the YouTube Data API v3 {@code videos.list} (1 quota unit a call). The key travels
 * in the {@code X-Goog-Api-Key} header, so it never appears in a URL, a log line or an error.
 */
public final class DataApiMetadataClient implements MetadataClient {

  private static final Set<String> QUOTA_REASONS = Set.of("quotaExceeded", "dailyLimitExceeded");
  private static final Set<String> RATE_REASONS = Set.of("rateLimitExceeded", "userRateLimitExceeded");
  private static final Set<String> KEY_REASONS = Set.of("keyInvalid", "keyExpired", "API_KEY_INVALID");

  private final YoutubeSettings settings;
  private final YoutubeHttp http;

  public DataApiMetadataClient(YoutubeSettings settings, YoutubeHttp http) {
    this.settings = settings;
    this.http = http;
  }

  @Override
  public VideoMetadata fetch(String youtubeId) {
    HttpUrl url = YoutubeHttp.url(settings.dataApiBaseUrl(), "/videos").newBuilder()
        .addQueryParameter("part", "snippet,contentDetails")
        .addQueryParameter("id", youtubeId)
        .build();
    Request request = new Request.Builder().url(url)
        .header("X-Goog-Api-Key", settings.googleApiKey().orElseThrow())
        .header("Accept", "application/json")
        .get().build();
    String what = "the YouTube Data API videos.list call for " + youtubeId;
    YoutubeHttp.Fetched fetched = http.execute(request, what, false);
    JsonNode body = parse(fetched.body(), what);
    if (!fetched.ok()) {
      throw error(fetched.code(), body, what);
    }
    JsonNode items = body.path("items");
    if (!items.isArray() || items.isEmpty()) {
      throw new VideoUnavailableException("YouTube video " + youtubeId
          + " is unavailable: the Data API does not list it (removed, private, or the id is wrong)");
    }
    JsonNode item = items.get(0);
    JsonNode snippet = item.path("snippet");
    String thumbnail = largestNamedThumbnail(snippet.path("thumbnails"));
    return new VideoMetadata(
        youtubeId,
        snippet.path("title").asText(""),
        snippet.path("description").asText(""),
        snippet.path("channelTitle").asText(""),
        durationSeconds(item.path("contentDetails").path("duration").asText(""), youtubeId),
        thumbnail != null ? thumbnail : Thumbnails.fallback(youtubeId),
        Dates.parse(snippet.path("publishedAt").asText(null)).orElse(null));
  }

  @Override
  public void resetConnections() {
    http.evictConnections();
  }

  /** Named sizes, largest first; width and height may be missing, and so may the larger sizes. */
  private static String largestNamedThumbnail(JsonNode thumbs) {
    for (String name : List.of("maxres", "standard", "high", "medium", "default")) {
      String url = thumbs.path(name).path("url").asText("");
      if (!url.isEmpty()) {
        return url;
      }
    }
    return null;
  }

  static long durationSeconds(String iso, String youtubeId) {
    if (iso.isEmpty()) {
      return 0;
    }
    try {
      return Duration.parse(iso).toSeconds();
    } catch (DateTimeParseException e) {
      throw new YoutubeResponseUnparsableException("The Data API gave video " + youtubeId
          + " a duration that is not ISO-8601: '" + iso + "'");
    }
  }

  private static JsonNode parse(String body, String what) {
    try {
      JsonNode node = Json.MAPPER.readTree(body);
      return node == null ? Json.MAPPER.createObjectNode() : node;
    } catch (IOException e) {
      throw new YoutubeResponseUnparsableException("The answer to " + what + " is not JSON", e);
    }
  }

  private static RuntimeException error(int code, JsonNode body, String what) {
    JsonNode error = body.path("error");
    String message = error.path("message").asText("no message");
    List<String> reasons = new ArrayList<>();
    error.path("errors").forEach(e -> reasons.add(e.path("reason").asText("")));
    error.path("details").forEach(d -> reasons.add(d.path("reason").asText("")));
    if (reasons.stream().anyMatch(QUOTA_REASONS::contains)) {
      return new YoutubeQuotaExceededException("The YouTube Data API quota of GOOGLE_API_KEY is used up ("
          + message + "). It resets at midnight Pacific time; raise the quota in the Google Cloud"
          + " console, or unset GOOGLE_API_KEY to fetch metadata without the Data API");
    }
    if (reasons.stream().anyMatch(RATE_REASONS::contains)) {
      return new TransientException("The YouTube Data API rate-limited " + what + " (" + message + ")");
    }
    if (reasons.stream().anyMatch(KEY_REASONS::contains) || message.contains("API key not valid")) {
      return new YoutubeRequestRejectedException("GOOGLE_API_KEY is not a valid YouTube Data API key ("
          + message + "): fix the key or unset it to fetch metadata without the Data API");
    }
    return new YoutubeRequestRejectedException("The YouTube Data API refused " + what + " with HTTP "
        + code + " " + reasons + ": " + message
        + (code == 403 ? ". Check that the YouTube Data API v3 is enabled for the key's project" : ""));
  }
}
