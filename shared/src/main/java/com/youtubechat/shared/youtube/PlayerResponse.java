package com.youtubechat.shared.youtube;

import com.fasterxml.jackson.databind.JsonNode;
import com.youtubechat.shared.error.AgeRestrictedException;
import com.youtubechat.shared.error.VideoUnavailableException;
import com.youtubechat.shared.error.VideoUnplayableException;
import com.youtubechat.shared.error.YoutubeThrottledException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The innertube {@code /player} answer for one video.
 *
 * @param proxied whether it came through {@code YOUTUBE_PROXY_URL}: a bot check is then worth
 *     retrying (a rotating proxy gives the retry another IP), and otherwise not
 */
public record PlayerResponse(String videoId, JsonNode root, boolean proxied) {

  public String status() {
    return root.path("playabilityStatus").path("status").asText("OK");
  }

  public JsonNode videoDetails() {
    return root.path("videoDetails");
  }

  public boolean hasVideoDetails() {
    return videoDetails().isObject() && videoDetails().hasNonNull("title");
  }

  /**
   * Throws the named error for a video YouTube will not play. An age gate is tolerated when
   * {@code allowAgeRestricted} is set, because the response still carries the video's details.
   */
  public void assertPlayable(boolean allowAgeRestricted) {
    String status = status();
    String reason = reason();
    String lower = reason.toLowerCase(Locale.ROOT);
    String subject = "YouTube video " + videoId;
    if (!"OK".equals(status) && lower.contains("try again later")) {
      // A session rate limit of up to an hour, whatever the status it comes with.
      throw new YoutubeThrottledException("YouTube is throttling requests for " + subject + " (" + status
          + ": \"" + reason + "\"); this lasts up to about an hour and is retried for longer than that. "
          + YoutubeHttp.PROXY_HINT);
    }
    switch (status) {
      case "OK" -> { }
      case "ERROR" -> throw new VideoUnavailableException(subject + " is unavailable (removed, never"
          + " existed, or the id is wrong): YouTube says \"" + reason + "\"");
      case "LOGIN_REQUIRED" -> {
        if (lower.contains("not a bot")) {
          throw YoutubeHttp.blocked("YouTube refused " + subject + " with a bot check (\"" + reason
              + "\"): this IP is blocked", proxied);
        } else if (lower.contains("inappropriate") || lower.contains("confirm your age")) {
          if (!allowAgeRestricted) {
            throw new AgeRestrictedException(subject + " is age-restricted (\"" + reason
                + "\"): YouTube serves it only to signed-in adults, so it cannot be processed");
          }
        } else if (lower.contains("private")) {
          throw new VideoUnavailableException(subject + " is private (\"" + reason
              + "\"): ask its owner to make it public or unlisted");
        } else {
          throw new VideoUnavailableException(subject + " requires signing in (\"" + reason
              + "\"): only public and unlisted videos can be processed");
        }
      }
      case "AGE_CHECK_REQUIRED", "AGE_VERIFICATION_REQUIRED", "CONTENT_CHECK_REQUIRED" -> {
        if (!allowAgeRestricted) {
          throw new AgeRestrictedException(subject + " is age-restricted (" + status + ": \"" + reason
              + "\"): it cannot be processed anonymously");
        }
      }
      case "LIVE_STREAM_OFFLINE" -> throw new VideoUnplayableException(subject
          + " is a live stream that has not started (\"" + reason + "\"): add it again once it has aired");
      default -> {
        throw new VideoUnplayableException(subject + " cannot be played here (" + status + ": \""
            + reason + "\"): members-only, paid, region-blocked and similar videos cannot be processed");
      }
    }
  }

  /** The playability reason with any sub-reasons, e.g. a geo-block's explanation. */
  public String reason() {
    JsonNode playability = root.path("playabilityStatus");
    JsonNode screen = playability.path("errorScreen").path("playerErrorMessageRenderer");
    List<String> parts = new ArrayList<>();
    String reason = playability.path("reason").asText("");
    if (reason.isEmpty()) {
      reason = text(screen.path("reason"));
    }
    if (!reason.isEmpty()) {
      parts.add(reason);
    }
    String sub = text(screen.path("subreason"));
    if (!sub.isEmpty() && !sub.equals(reason)) {
      parts.add(sub);
    }
    return parts.isEmpty() ? "no reason given" : String.join(" - ", parts);
  }

  /** Innertube text: either {@code simpleText} or a list of {@code runs}. */
  static String text(JsonNode node) {
    if (node.hasNonNull("simpleText")) {
      return node.get("simpleText").asText();
    }
    StringBuilder out = new StringBuilder();
    node.path("runs").forEach(run -> out.append(run.path("text").asText("")));
    return out.toString();
  }
}
