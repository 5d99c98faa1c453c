package com.youtubechat.shared.youtube;

import com.youtubechat.shared.config.ConfigReader;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * YouTube client configuration. Base URLs are overridable so tests, the local runner and proxies
 * can point them elsewhere; the innertube client identity is configuration because YouTube keeps
 * changing which client names and versions it serves captions to.
 *
 * @param clients the innertube clients to ask, in order ({@code YOUTUBE_CLIENTS}); the first also
 *     serves the metadata
 * @param proxy optional HTTP(S) proxy for every YouTube request (YouTube blocks most cloud IPs)
 */
public record YoutubeSettings(
    URI baseUrl,
    URI dataApiBaseUrl,
    Optional<String> googleApiKey,
    List<InnertubeClient> clients,
    Optional<ProxySettings> proxy,
    Duration timeout,
    List<String> transcriptLanguages) {

  private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");

  public static final String DEFAULT_BASE_URL = "https://www.youtube.com";
  public static final String DEFAULT_DATA_API_BASE_URL = "https://www.googleapis.com/youtube/v3";

  public static YoutubeSettings read(ConfigReader config) {
    return new YoutubeSettings(
        config.httpUrl("YOUTUBE_BASE_URL", DEFAULT_BASE_URL),
        config.httpUrl("YOUTUBE_DATA_API_BASE_URL", DEFAULT_DATA_API_BASE_URL),
        config.optional("GOOGLE_API_KEY"),
        clients(config),
        config.optional("YOUTUBE_PROXY_URL").flatMap(raw -> ProxySettings.parse(raw, config)),
        Duration.ofSeconds(config.integer("YOUTUBE_TIMEOUT_SECONDS", 15, 1, 300)),
        languages(config));
  }

  /**
   * {@code YOUTUBE_CLIENTS} (default ANDROID,IOS); {@code YOUTUBE_CLIENT_NAME} and
   * {@code YOUTUBE_CLIENT_VERSION}, older settings, override the first client.
   */
  private static List<InnertubeClient> clients(ConfigReader config) {
    List<InnertubeClient> clients = new java.util.ArrayList<>();
    for (String name : config.optional("YOUTUBE_CLIENTS", InnertubeClient.DEFAULT_CLIENTS).split(",")) {
      if (name.isBlank()) {
        continue;
      }
      InnertubeClient.known(name).ifPresentOrElse(clients::add, () -> config.problem("YOUTUBE_CLIENTS",
          "names a client this project does not know (" + com.youtubechat.shared.error.Echo.of(name.strip()) + "): use ANDROID and/or IOS, or YOUTUBE_CLIENT_NAME and"
              + " YOUTUBE_CLIENT_VERSION for another one"));
    }
    if (clients.isEmpty()) {
      clients.add(InnertubeClient.known("ANDROID").orElseThrow());
    }
    Optional<String> name = config.optional("YOUTUBE_CLIENT_NAME").filter(v -> !v.isBlank()).map(String::strip);
    Optional<String> version = config.optional("YOUTUBE_CLIENT_VERSION").filter(v -> !v.isBlank()).map(String::strip);
    if (name.isPresent() || version.isPresent()) {
      InnertubeClient first = name.map(n -> InnertubeClient.known(n)
              .orElseGet(() -> new InnertubeClient(n, clients.get(0).version(), java.util.Map.of(), Optional.empty())))
          .orElse(clients.get(0));
      clients.set(0, version.map(first::withVersion).orElse(first));
    }
    return List.copyOf(clients);
  }

  /** {@code TRANSCRIPT_LANGUAGES}: language codes in order of preference, comma-separated. */
  private static List<String> languages(ConfigReader config) {
    List<String> codes = Arrays.stream(config.optional("TRANSCRIPT_LANGUAGES", "en").split(","))
        .map(String::strip).filter(code -> !code.isEmpty()).toList();
    if (codes.isEmpty() || codes.stream().anyMatch(code -> !LANGUAGE.matcher(code).matches())) {
      config.problem("TRANSCRIPT_LANGUAGES", "must be language codes separated by commas, e.g. en,de,pt-BR");
      return List.of("en");
    }
    return codes;
  }

  @Override
  public String toString() {
    // never print the API key or the proxy's password
    return "YoutubeSettings[baseUrl=" + baseUrl + ", dataApiBaseUrl=" + dataApiBaseUrl
        + ", googleApiKey=" + (googleApiKey.isPresent() ? "set" : "unset")
        + ", innertubeClients=" + clients
        + ", proxy=" + proxy.map(ProxySettings::toString).orElse("none")
        + ", transcriptLanguages=" + transcriptLanguages + "]";
  }
}
