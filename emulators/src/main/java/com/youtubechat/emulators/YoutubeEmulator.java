package com.youtubechat.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * YouTube on loopback, with state: the watch page (optionally behind the EU consent wall or a
 * captcha), the innertube {@code /youtubei/v1/player} API (ANDROID-shaped answers, with
 * playability, videoDetails and caption tracks), the timedtext caption endpoint, and the Data API
 * v3 {@code /youtube/v3/videos}. Responses follow the shapes of the real service; faults can be
 * injected per path. Every request is recorded.
 */
public final class YoutubeEmulator extends Dispatcher implements AutoCloseable {

  public static final String INNERTUBE_KEY = "AIzaSyAO_FJ2SlqU8Q4STEHLGCilw_Y9_11qcW8";
  public static final String DATA_API_KEY = "test-google-api-key";
  public static final String CONSENT_VALUE = "cb.20210328-17-p0.de+FX+119";

  private final MockWebServer server = new MockWebServer();
  private final Map<String, FakeVideo> videos = new ConcurrentHashMap<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final Map<String, List<MockResponse>> faults = new LinkedHashMap<>();
  private volatile boolean consentWall;
  private volatile boolean captcha;
  private volatile boolean quotaExceeded;
  private volatile String proxyCredentials;
  private final java.util.concurrent.atomic.AtomicInteger botChecks = new java.util.concurrent.atomic.AtomicInteger();

  public YoutubeEmulator() {
    server.setDispatcher(this);
    try {
      server.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the YouTube emulator", e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getPort();
  }

  /** Environment for the keyless flow (no Data API key). */
  public Map<String, String> environment() {
    return Map.of("YOUTUBE_BASE_URL", baseUrl(), "YOUTUBE_DATA_API_BASE_URL", baseUrl() + "/youtube/v3");
  }

  /** Environment for the Data API flow. */
  public Map<String, String> environmentWithDataApi() {
    Map<String, String> env = new LinkedHashMap<>(environment());
    env.put("GOOGLE_API_KEY", DATA_API_KEY);
    return env;
  }

  public FakeVideo add(FakeVideo video) {
    videos.put(video.id, video);
    return video;
  }

  /** Serve the EU consent page until the request carries a CONSENT=YES+ cookie. */
  public void consentWall(boolean on) {
    this.consentWall = on;
  }

  /** Serve Google's "unusual traffic" captcha instead of watch pages. */
  public void captcha(boolean on) {
    this.captcha = on;
  }

  /**
   * Also act as an HTTP proxy that demands these Basic credentials ("user:password"): requests
   * without them get 407, as a real authenticating proxy answers.
   */
  public void requireProxyAuthorization(String userAndPassword) {
    this.proxyCredentials = userAndPassword;
  }

  /**
   * The next {@code times} player requests get "Sign in to confirm you're not a bot", whatever the
   * video: an IP blocked for a while, as a rotating proxy's next IP may not be.
   */
  public void botCheckNext(int times) {
    botChecks.set(times);
  }

  /** The Data API answers 403 quotaExceeded. */
  public void quotaExceeded(boolean on) {
    this.quotaExceeded = on;
  }

  /** The next {@code times} requests whose path starts with {@code pathPrefix} get {@code status}. */
  public synchronized void failNext(String pathPrefix, int status, int times) {
    List<MockResponse> queue = faults.computeIfAbsent(pathPrefix, p -> new ArrayList<>());
    for (int i = 0; i < times; i++) {
      queue.add(new MockResponse(status, Headers.of("Content-Type", "text/html"), "<html>error " + status + "</html>"));
    }
  }

  /** The next {@code times} requests whose path starts with {@code pathPrefix} meet {@code fault}. */
  public synchronized void inject(String pathPrefix, Fault fault, int times) {
    List<MockResponse> queue = faults.computeIfAbsent(pathPrefix, p -> new ArrayList<>());
    for (int i = 0; i < times; i++) {
      queue.add(fault.response());
    }
  }

  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  public List<RecordedRequest> requests(String pathPrefix) {
    return requests.stream().filter(r -> r.getUrl().encodedPath().startsWith(pathPrefix)).toList();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    requests.add(request);
    HttpUrl url = request.getUrl();
    if (proxyCredentials != null) {
      String expected = okhttp3.Credentials.basic(proxyCredentials.split(":", 2)[0], proxyCredentials.split(":", 2)[1]);
      if (!expected.equals(request.getHeaders().get("Proxy-Authorization"))) {
        return new MockResponse(407, Headers.of("Proxy-Authenticate", "Basic realm=\"proxy\""), "");
      }
    }
    String path = url.encodedPath();
    MockResponse fault = nextFault(path);
    if (fault != null) {
      return fault;
    }
    return switch (path) {
      case "/watch" -> watchPage(request, url.queryParameter("v"));
      case "/youtubei/v1/player" -> player(request);
      case "/api/timedtext" -> timedtext(url);
      case "/youtube/v3/videos" -> dataApiVideos(request, url);
      default -> new MockResponse(404, Headers.of("Content-Type", "text/html"), "<html>404 Not Found</html>");
    };
  }

  private synchronized MockResponse nextFault(String path) {
    for (var entry : faults.entrySet()) {
      if (path.startsWith(entry.getKey()) && !entry.getValue().isEmpty()) {
        return entry.getValue().remove(0);
      }
    }
    return null;
  }

  private MockResponse watchPage(RecordedRequest request, String videoId) {
    String id = videoId == null ? "" : videoId;
    if (captcha) {
      return html(200, fixture("captcha.html").replace("{{VIDEO_ID}}", id));
    }
    String cookies = request.getHeaders().get("Cookie");
    if (consentWall && (cookies == null || !cookies.contains("CONSENT=YES+" + CONSENT_VALUE))) {
      return html(200, fixture("consent.html").replace("{{VIDEO_ID}}", id)
          .replace("{{CONSENT_VALUE}}", CONSENT_VALUE));
    }
    FakeVideo video = videos.get(id);
    ObjectNode player = video == null ? unavailable() : playerResponse(video, true);
    String page = fixture("watch.html")
        .replace("{{API_KEY}}", INNERTUBE_KEY)
        .replace("{{VIDEO_ID}}", id)
        .replace("{{TITLE_HTML}}", escapeHtml(video == null ? "YouTube" : video.title))
        .replace("{{AUTHOR_HTML}}", escapeHtml(video == null ? "" : video.author))
        .replace("{{DESCRIPTION_SNIPPET_HTML}}", escapeHtml(video == null ? "" : snippet(video.description)))
        .replace("{{ISO_DURATION}}", video == null ? "PT0S" : "PT" + video.lengthSeconds + "S")
        .replace("{{META_DATE}}", video == null ? "" : video.publishDate)
        .replace("{{PLAYER_RESPONSE}}", EmulatorJson.write(player));
    return html(200, page);
  }

  private MockResponse player(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    String key = url.queryParameter("key");
    if (key != null && !key.equals(INNERTUBE_KEY)) {
      return json(400, googleError(400, "API key not valid. Please pass a valid API key.", "badRequest"));
    }
    String contentType = request.getHeaders().get("Content-Type");
    if (contentType == null || !contentType.startsWith("application/json")) {
      return json(400, googleError(400, "Invalid JSON payload received.", "badRequest"));
    }
    JsonNode body;
    try {
      body = EmulatorJson.MAPPER.readTree(request.getBody() == null ? "" : request.getBody().utf8());
    } catch (IOException e) {
      return json(400, googleError(400, "Invalid JSON payload received.", "badRequest"));
    }
    String clientName = body.path("context").path("client").path("clientName").asText("");
    if (clientName.isEmpty() || body.path("context").path("client").path("clientVersion").asText("").isEmpty()) {
      return json(400, googleError(400, "Request contains an invalid argument.", "badRequest"));
    }
    FakeVideo video = videos.get(body.path("videoId").asText(""));
    if (botChecks.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      ObjectNode blocked = EmulatorJson.MAPPER.createObjectNode();
      blocked.putObject("playabilityStatus").put("status", "LOGIN_REQUIRED")
          .put("reason", "Sign in to confirm you’re not a bot");
      return json(200, blocked);
    }
    if (video != null && video.clientAnswers.containsKey(clientName)) {
      FakeVideo answer = video.clientAnswers.get(clientName);
      return json(200, playerResponse(answer, false, clientName));
    }
    return json(200, video == null ? unavailable() : playerResponse(video, false, clientName));
  }

  private MockResponse timedtext(HttpUrl url) {
    FakeVideo video = videos.get(String.valueOf(url.queryParameter("v")));
    if (video == null) {
      return html(404, "");
    }
    String lang = url.queryParameter("lang");
    boolean asr = "asr".equals(url.queryParameter("kind"));
    for (FakeVideo.Track track : video.tracks) {
      if (track.languageCode().equals(lang) && track.generated() == asr) {
        if (track.needsPoToken() || url.queryParameter("exp") != null) {
          // What YouTube does to a track URL that demands a PO token: an empty 200.
          return new MockResponse(200, Headers.of("Content-Type", "text/xml"), "");
        }
        if (video.emptyCaptionsFor.contains(String.valueOf(url.queryParameter("c")))) {
          return new MockResponse(200, Headers.of("Content-Type", "text/xml"), "");
        }
        if (video.translationsRateLimited && url.queryParameter("tlang") != null) {
          return html(429, "<html>429 Too Many Requests</html>");
        }
        // A translation (tlang) comes back in the track's format; the text itself is not translated here.
        return new MockResponse(200, Headers.of("Content-Type", "text/xml; charset=UTF-8"), track.body());
      }
    }
    return new MockResponse(200, Headers.of("Content-Type", "text/xml"), "");
  }

  private MockResponse dataApiVideos(RecordedRequest request, HttpUrl url) {
    String key = request.getHeaders().get("X-Goog-Api-Key");
    if (key == null) {
      key = url.queryParameter("key");
    }
    if (!DATA_API_KEY.equals(key)) {
      ObjectNode error = googleError(400, "API key not valid. Please pass a valid API key.", "badRequest");
      ((ObjectNode) error.get("error")).put("status", "INVALID_ARGUMENT");
      ((ObjectNode) error.get("error")).putArray("details").addObject()
          .put("@type", "type.googleapis.com/google.rpc.ErrorInfo").put("reason", "API_KEY_INVALID")
          .put("domain", "googleapis.com");
      return json(400, error);
    }
    if (quotaExceeded) {
      ObjectNode error = googleError(403, "The request cannot be completed because you have exceeded your"
          + " <a href=\"/youtube/v3/getting-started#quota\">quota</a>.", "quotaExceeded");
      ((ObjectNode) error.path("error").path("errors").get(0)).put("domain", "youtube.quota");
      return json(403, error);
    }
    if (url.queryParameter("part") == null) {
      return json(400, googleError(400, "No filter selected. Expected one of: myRated, id, chart.", "missingRequiredParameter"));
    }
    ObjectNode response = EmulatorJson.MAPPER.createObjectNode();
    response.put("kind", "youtube#videoListResponse").put("etag", "Bx7hNUs9Y7VHLquoR1rKM3WbBvg");
    ArrayNode items = response.putArray("items");
    for (String id : String.valueOf(url.queryParameter("id")).split(",")) {
      FakeVideo video = videos.get(id);
      if (video != null && !"ERROR".equals(video.status)) {
        items.add(dataApiItem(video));
      }
    }
    response.putObject("pageInfo").put("totalResults", items.size()).put("resultsPerPage", items.size());
    return json(200, response);
  }

  private static ObjectNode dataApiItem(FakeVideo video) {
    ObjectNode item = EmulatorJson.MAPPER.createObjectNode();
    item.put("kind", "youtube#video").put("etag", "p8QmGmGfU7rVhSQMH2dWqJb2Lzo").put("id", video.id);
    ObjectNode snippet = item.putObject("snippet");
    snippet.put("publishedAt", video.publishedAt).put("channelId", "UCuAXFkgsw1L7xaCfnd5JJOw")
        .put("title", video.title).put("description", video.description);
    ObjectNode thumbs = snippet.putObject("thumbnails");
    thumb(thumbs.putObject("default"), video.id, "default", 120, 90);
    thumb(thumbs.putObject("medium"), video.id, "mqdefault", 320, 180);
    thumb(thumbs.putObject("high"), video.id, "hqdefault", 480, 360);
    thumb(thumbs.putObject("standard"), video.id, "sddefault", 640, 480);
    thumb(thumbs.putObject("maxres"), video.id, "maxresdefault", 1280, 720);
    snippet.put("channelTitle", video.author).put("categoryId", "10").put("liveBroadcastContent", "none");
    snippet.putObject("localized").put("title", video.title).put("description", video.description);
    item.putObject("contentDetails").put("duration", isoDuration(video.lengthSeconds))
        .put("dimension", "2d").put("definition", "hd").put("caption", "true")
        .put("licensedContent", true).put("projection", "rectangular");
    return item;
  }

  /** The player response: ANDROID-shaped, or WEB-shaped with a microformat for the watch page. */
  private ObjectNode playerResponse(FakeVideo video, boolean web) {
    return playerResponse(video, web, web ? "WEB" : "");
  }

  /** As answered to {@code clientName}, whose name the track URLs carry ({@code c=}), as YouTube's do. */
  private ObjectNode playerResponse(FakeVideo video, boolean web, String clientName) {
    ObjectNode root = EmulatorJson.MAPPER.createObjectNode();
    root.putObject("responseContext").put("visitorData", "CgtBc0NfY2JfZ3ZpSSi8hY3CBjIKCgJVUxIEGgAgVw%3D%3D");
    ObjectNode playability = root.putObject("playabilityStatus").put("status", video.status);
    if (video.reason != null) {
      playability.put("reason", video.reason);
      ObjectNode screen = playability.putObject("errorScreen").putObject("playerErrorMessageRenderer");
      screen.putObject("reason").put("simpleText", video.reason);
      if (video.subreason != null) {
        screen.putObject("subreason").putArray("runs").addObject().put("text", video.subreason);
      }
    }
    if ("ERROR".equals(video.status) || isBlocked(video)) {
      return root; // no details at all for unavailable or blocked answers
    }
    if ("OK".equals(video.status) && !video.tracks.isEmpty()) {
      root.set("captions", captions(video, clientName));
    }
    ObjectNode details = root.putObject("videoDetails");
    details.put("videoId", video.id).put("title", video.title).put("lengthSeconds", String.valueOf(video.lengthSeconds));
    details.putArray("keywords").add("rick astley").add("never gonna give you up");
    details.put("channelId", "UCuAXFkgsw1L7xaCfnd5JJOw").put("isOwnerViewing", false)
        .put("shortDescription", video.description).put("isCrawlable", true);
    ArrayNode thumbnails = details.putObject("thumbnail").putArray("thumbnails");
    thumb(thumbnails.addObject(), video.id, "default", 120, 90);
    thumb(thumbnails.addObject(), video.id, "mqdefault", 320, 180);
    thumb(thumbnails.addObject(), video.id, "hqdefault", 480, 360);
    thumb(thumbnails.addObject(), video.id, "sddefault", 640, 480);
    details.put("allowRatings", true).put("viewCount", "1712345678").put("author", video.author)
        .put("isPrivate", false).put("isUnpluggedCorpus", false).put("isLiveContent", false);
    if (web) {
      ObjectNode microformat = root.putObject("microformat").putObject("playerMicroformatRenderer");
      ArrayNode mfThumbs = microformat.putObject("thumbnail").putArray("thumbnails");
      thumb(mfThumbs.addObject(), video.id, "maxresdefault", 1280, 720);
      microformat.putObject("title").put("simpleText", video.title);
      microformat.putObject("description").put("simpleText", video.description);
      microformat.put("lengthSeconds", String.valueOf(video.lengthSeconds))
          .put("ownerChannelName", video.author).put("category", "Music")
          .put("publishDate", video.publishDate).put("uploadDate", video.publishDate);
    }
    return root;
  }

  private static boolean isBlocked(FakeVideo video) {
    return "LOGIN_REQUIRED".equals(video.status) && video.reason != null && video.reason.contains("not a bot");
  }

  private ObjectNode captions(FakeVideo video, String clientName) {
    ObjectNode renderer = EmulatorJson.MAPPER.createObjectNode();
    ObjectNode list = renderer.putObject("playerCaptionsTracklistRenderer");
    ArrayNode tracks = list.putArray("captionTracks");
    for (FakeVideo.Track track : video.tracks) {
      StringBuilder url = new StringBuilder(baseUrl()).append("/api/timedtext?v=").append(video.id)
          .append("&ei=vAJDaJ2dF4-Nv_IP3pXcyQ8&caps=asr&opi=112496729&xoaf=5&hl=en&ip=0.0.0.0&ipbits=0")
          .append("&expire=1750337580&sparams=ip,ipbits,expire,v,ei,caps,opi,xoaf");
      if (track.needsPoToken()) {
        url.append("&exp=xpe");
      }
      url.append("&signature=A1B2C3D4E5F6&key=yt8&lang=").append(track.languageCode());
      if (track.generated()) {
        url.append("&kind=asr");
      }
      url.append("&fmt=srv3");
      if (!clientName.isEmpty()) {
        url.append("&c=").append(clientName);
      }
      ObjectNode node = tracks.addObject();
      node.put("baseUrl", url.toString());
      node.putObject("name").putArray("runs").addObject().put("text", track.name());
      node.put("vssId", (track.generated() ? "a." : ".") + track.languageCode())
          .put("languageCode", track.languageCode());
      if (track.generated()) {
        node.put("kind", "asr");
      }
      node.put("isTranslatable", track.translatable()).put("trackName", "");
    }
    ArrayNode translations = list.putArray("translationLanguages");
    for (String code : video.translationLanguages) {
      ObjectNode language = translations.addObject().put("languageCode", code);
      language.putObject("languageName").putArray("runs").addObject().put("text", FakeVideo.languageName(code));
    }
    if (video.defaultTranslationSource != null) {
      list.putArray("defaultTranslationSourceTrackIndices").add(video.defaultTranslationSource);
    }
    if (video.audioTrackDefaultCaption != null) {
      ObjectNode audio = list.putArray("audioTracks").addObject();
      ArrayNode indices = audio.putArray("captionTrackIndices");
      for (int i = 0; i < video.tracks.size(); i++) {
        indices.add(i);
      }
      audio.put("defaultCaptionTrackIndex", video.audioTrackDefaultCaption).put("visibility", "UNKNOWN")
          .put("hasDefaultTrack", true);
    }
    list.put("defaultAudioTrackIndex", 0);
    return renderer;
  }

  private static ObjectNode unavailable() {
    ObjectNode root = EmulatorJson.MAPPER.createObjectNode();
    root.putObject("responseContext").put("visitorData", "CgtBc0NfY2JfZ3ZpSSi8hY3CBjIKCgJVUxIEGgAgVw%3D%3D");
    ObjectNode playability = root.putObject("playabilityStatus").put("status", "ERROR")
        .put("reason", "This video is unavailable");
    playability.putObject("errorScreen").putObject("playerErrorMessageRenderer")
        .putObject("reason").put("simpleText", "This video is unavailable");
    root.put("trackingParams", "CAAQu2kiEwjZ8L3Lp9uNAxWRRE8EHVSSFCs=");
    return root;
  }

  private static void thumb(ObjectNode node, String id, String name, int width, int height) {
    node.put("url", "https://i.ytimg.com/vi/" + id + "/" + name + ".jpg").put("width", width).put("height", height);
  }

  private static ObjectNode googleError(int code, String message, String reason) {
    ObjectNode root = EmulatorJson.MAPPER.createObjectNode();
    ObjectNode error = root.putObject("error").put("code", code).put("message", message);
    error.putArray("errors").addObject().put("message", message).put("domain", "global").put("reason", reason);
    return root;
  }

  static String isoDuration(long seconds) {
    return java.time.Duration.ofSeconds(seconds).toString();
  }

  private static String snippet(String description) {
    return description.length() > 160 ? description.substring(0, 157) + "..." : description;
  }

  private static String escapeHtml(String s) {
    return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
  }

  public static String fixture(String name) {
    try (InputStream in = YoutubeEmulator.class.getResourceAsStream("/youtube/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test fixture youtube/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MockResponse html(int code, String body) {
    return new MockResponse(code, Headers.of("Content-Type", "text/html; charset=utf-8"), body);
  }

  private static MockResponse json(int code, JsonNode body) {
    return new MockResponse(code, Headers.of("Content-Type", "application/json; charset=UTF-8"), EmulatorJson.write(body));
  }

  @Override
  public void close() {
    server.close();
  }
}
