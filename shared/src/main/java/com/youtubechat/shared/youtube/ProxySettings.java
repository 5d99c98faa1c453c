package com.youtubechat.shared.youtube;

import com.youtubechat.shared.config.ConfigReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** An HTTP(S) proxy from {@code YOUTUBE_PROXY_URL}: {@code http://[user:password@]host:port}. */
public record ProxySettings(String host, int port, Optional<String> username, Optional<String> password) {

  static Optional<ProxySettings> parse(String raw, ConfigReader config) {
    try {
      URI uri = new URI(raw);
      String scheme = uri.getScheme();
      if (!("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null) {
        config.problem("YOUTUBE_PROXY_URL", "must look like http://[user:password@]host:port");
        return Optional.empty();
      }
      int port = uri.getPort() > 0 ? uri.getPort() : ("https".equals(scheme) ? 443 : 80);
      Optional<String> user = Optional.empty();
      Optional<String> pass = Optional.empty();
      if (uri.getRawUserInfo() != null) {
        String[] parts = uri.getRawUserInfo().split(":", 2);
        user = Optional.of(URLDecoder.decode(parts[0], StandardCharsets.UTF_8));
        pass = parts.length > 1
            ? Optional.of(URLDecoder.decode(parts[1], StandardCharsets.UTF_8)) : Optional.of("");
      }
      return Optional.of(new ProxySettings(uri.getHost(), port, user, pass));
    } catch (URISyntaxException e) {
      config.problem("YOUTUBE_PROXY_URL", "is not a valid URL");
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return host + ":" + port + (username.isPresent() ? " (with credentials)" : "");
  }
}
