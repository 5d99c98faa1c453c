package com.youtubechat.shared.youtube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.youtubechat.shared.error.VideoUnavailableException;
import com.youtubechat.shared.error.YoutubeRequestRejectedException;
import com.youtubechat.shared.error.YoutubeResponseUnparsableException;
import com.youtubechat.shared.json.Json;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The keyless YouTube flow: the watch page (EU consent wall answered, captcha detected, innertube
 * key and publish date read), then one innertube {@code /player} call whose answer serves both the
 * metadata and the caption track list.
 */
public final class YoutubeWebClient {

  /** The watch page and the player response of one video, fetched once and shared by the steps. */
  public record VideoPage(String videoId, WatchPage watchPage, PlayerResponse player) {}

  private static final MediaType JSON = MediaType.get("application/json");

  private final YoutubeSettings settings;
  private final YoutubeHttp http;

  public YoutubeWebClient(YoutubeSettings settings, YoutubeHttp http) {
    this.settings = settings;
    this.http = http;
  }

  public YoutubeHttp http() {
    return http;
  }

  public VideoPage load(String videoId) {
    WatchPage page = watchPage(videoId);
    PlayerResponse player = player(videoId, page, settings.clients().get(0));
    return new VideoPage(videoId, page, player);
  }

  public WatchPage watchPage(String videoId) {
    WatchPage page = fetchWatchPage(videoId);
    if (page.isConsentPage()) {
      String value = page.consentValue().orElseThrow(() -> new YoutubeRequestRejectedException(
          "YouTube served its cookie-consent page for video " + videoId
              + " without the consent form this client answers; YouTube changed its consent flow"));
      http.seedConsentCookie(settings.baseUrl().getHost(), "CONSENT", "YES+" + value);
      page = fetchWatchPage(videoId);
      if (page.isConsentPage()) {
        throw new YoutubeRequestRejectedException("YouTube kept serving its cookie-consent page for video "
            + videoId + " after consent was given; try a proxy outside the EU (YOUTUBE_PROXY_URL)");
      }
    }
    if (page.isCaptchaPage()) {
      throw YoutubeHttp.blocked("YouTube answered the watch page of " + videoId
          + " with a captcha: this IP is blocked", settings.proxy().isPresent());
    }
    return page;
  }

  private WatchPage fetchWatchPage(String videoId) {
    HttpUrl url = YoutubeHttp.url(settings.baseUrl(), "/watch").newBuilder()
        .addQueryParameter("v", videoId).build();
    YoutubeHttp.Fetched fetched = http.execute(new Request.Builder().url(url).get().build(),
        "the watch page of " + videoId, true);
    if (fetched.code() == 404) {
      throw new VideoUnavailableException("YouTube has no watch page for video " + videoId
          + " (HTTP 404): check the id");
    }
    requireOk(fetched, "the watch page of " + videoId);
    return new WatchPage(fetched.body());
  }

  /** The player answer as {@code as} gets it: YouTube answers each client differently. */
  public PlayerResponse player(String videoId, WatchPage page, InnertubeClient as) {
    HttpUrl.Builder url = YoutubeHttp.url(settings.baseUrl(), "/youtubei/v1/player").newBuilder()
        .addQueryParameter("prettyPrint", "false");
    page.innertubeApiKey().ifPresent(key -> url.addQueryParameter("key", key));
    ObjectNode body = Json.MAPPER.createObjectNode();
    ObjectNode client = body.putObject("context").putObject("client");
    client.put("clientName", as.name());
    client.put("clientVersion", as.version());
    as.fields().forEach(client::put);
    client.put("hl", "en");
    body.put("videoId", videoId);
    body.put("contentCheckOk", true);
    body.put("racyCheckOk", true);
    Request.Builder request = new Request.Builder().url(url.build())
        .post(RequestBody.create(Json.write(body), JSON));
    as.userAgent().ifPresent(agent -> request.header("User-Agent", agent));
    YoutubeHttp.Fetched fetched = http.execute(request.build(), "the player request of " + videoId, true);
    requireOk(fetched, "the player request of " + videoId);
    try {
      JsonNode root = Json.MAPPER.readTree(fetched.body());
      if (root == null || !root.isObject()) {
        throw new YoutubeResponseUnparsableException("YouTube's player response for " + videoId
            + " is not a JSON object");
      }
      return new PlayerResponse(videoId, root, settings.proxy().isPresent());
    } catch (IOException e) {
      throw new YoutubeResponseUnparsableException("YouTube's player response for " + videoId
          + " is not JSON: " + e.getMessage(), e);
    }
  }

  private static void requireOk(YoutubeHttp.Fetched fetched, String what) {
    if (!fetched.ok()) {
      throw new YoutubeRequestRejectedException("YouTube answered HTTP " + fetched.code() + " to " + what);
    }
  }
}
