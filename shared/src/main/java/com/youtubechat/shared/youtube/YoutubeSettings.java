package com.youtubechat.shared.youtube;

import com.youtubechat.shared.config.ConfigReader;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * YouTube client configuration. Base URLs are overridable so tests, the local runner and proxies
 * can point them elsewhere; the innertube client identity is configuration because YouTube keeps
 * changing which client names and versions it serves captions to.
 *
 * @param proxy optional HTTP(S) proxy for every YouTube request (YouTube blocks most cloud IPs)
 */
public record YoutubeSettings(
    URI baseUrl,
    URI dataApiBaseUrl,
    Optional<String> googleApiKey,
    String innertubeClientName,
    String innertubeClientVersion,
    Optional<ProxySettings> proxy,
    Duration timeout) {

  public static final String DEFAULT_BASE_URL = "https://www.youtube.com";
  public static final String DEFAULT_DATA_API_BASE_URL = "https://www.googleapis.com/youtube/v3";

  public static YoutubeSettings read(ConfigReader config) {
    return new YoutubeSettings(
        config.httpUrl("YOUTUBE_BASE_URL", DEFAULT_BASE_URL),
        config.httpUrl("YOUTUBE_DATA_API_BASE_URL", DEFAULT_DATA_API_BASE_URL),
        config.optional("GOOGLE_API_KEY"),
        config.optional("YOUTUBE_CLIENT_NAME", "ANDROID"),
        config.optional("YOUTUBE_CLIENT_VERSION", "20.10.38"),
        config.optional("YOUTUBE_PROXY_URL").flatMap(raw -> ProxySettings.parse(raw, config)),
        Duration.ofSeconds(config.integer("YOUTUBE_TIMEOUT_SECONDS", 15, 1, 300)));
  }

  @Override
  public String toString() {
    // never print the API key or the proxy's password
    return "YoutubeSettings[baseUrl=" + baseUrl + ", dataApiBaseUrl=" + dataApiBaseUrl
        + ", googleApiKey=" + (googleApiKey.isPresent() ? "set" : "unset")
        + ", innertubeClient=" + innertubeClientName + "/" + innertubeClientVersion
        + ", proxy=" + proxy.map(ProxySettings::toString).orElse("none") + "]";
  }
}
