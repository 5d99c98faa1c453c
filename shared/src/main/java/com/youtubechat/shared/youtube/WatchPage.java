package com.youtubechat.shared.youtube;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.youtubechat.shared.json.Json;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the project reads from a YouTube watch page's HTML. The embedded player response (hundreds of
 * kilobytes on a real page) is parsed at most once, however many fields are read from it.
 */
public final class WatchPage {

  private static final Pattern API_KEY = Pattern.compile("\"INNERTUBE_API_KEY\":\\s*\"([a-zA-Z0-9_-]+)\"");
  private static final Pattern CONSENT_VALUE = Pattern.compile("name=\"v\" value=\"(.*?)\"");
  private static final Pattern META_DATE = Pattern.compile(
      "<meta itemprop=\"(?:datePublished|uploadDate)\" content=\"([^\"]+)\"");
  private static final String PLAYER_RESPONSE_MARKER = "ytInitialPlayerResponse";

  private final String html;
  private Optional<JsonNode> initialPlayerResponse;

  public WatchPage(String html) {
    this.html = html;
  }

  public String html() {
    return html;
  }

  /** The EU cookie-consent interstitial is served instead of the watch page. */
  public boolean isConsentPage() {
    return html.contains("action=\"https://consent.youtube.com/s\"");
  }

  public Optional<String> consentValue() {
    Matcher m = CONSENT_VALUE.matcher(html);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** Google's "unusual traffic" captcha page: the IP is blocked. */
  public boolean isCaptchaPage() {
    return html.contains("class=\"g-recaptcha\"");
  }

  public Optional<String> innertubeApiKey() {
    Matcher m = API_KEY.matcher(html);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** The player response the page embeds as {@code var ytInitialPlayerResponse = {...};}, if any. */
  public synchronized Optional<JsonNode> initialPlayerResponse() {
    if (initialPlayerResponse == null) {
      initialPlayerResponse = parseInitialPlayerResponse();
    }
    return initialPlayerResponse;
  }

  private Optional<JsonNode> parseInitialPlayerResponse() {
    int marker = html.indexOf(PLAYER_RESPONSE_MARKER);
    while (marker >= 0) {
      int brace = html.indexOf('{', marker);
      int assign = html.indexOf('=', marker);
      if (brace > 0 && assign > 0 && assign < brace && html.substring(assign + 1, brace).isBlank()) {
        // Jackson reads exactly one JSON value and stops, so the script after it does not matter.
        try (JsonParser parser = Json.MAPPER.createParser(html.substring(brace))) {
          JsonNode node = Json.MAPPER.readTree(parser);
          if (node != null && node.isObject()) {
            return Optional.of(node);
          }
        } catch (IOException e) {
          return Optional.empty();
        }
      }
      marker = html.indexOf(PLAYER_RESPONSE_MARKER, marker + PLAYER_RESPONSE_MARKER.length());
    }
    return Optional.empty();
  }

  /**
   * The publish date: the embedded microformat's {@code publishDate} (or {@code uploadDate}), else
   * the page's {@code <meta itemprop="datePublished">}.
   */
  public Optional<OffsetDateTime> publishDate() {
    Optional<OffsetDateTime> fromMicroformat = initialPlayerResponse()
        .map(node -> node.path("microformat").path("playerMicroformatRenderer"))
        .flatMap(mf -> Dates.parse(mf.path("publishDate").asText(null))
            .or(() -> Dates.parse(mf.path("uploadDate").asText(null))));
    if (fromMicroformat.isPresent()) {
      return fromMicroformat;
    }
    Matcher m = META_DATE.matcher(html);
    while (m.find()) {
      Optional<OffsetDateTime> date = Dates.parse(m.group(1));
      if (date.isPresent()) {
        return date;
      }
    }
    return Optional.empty();
  }
}
