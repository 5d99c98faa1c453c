package com.youtubechat.shared.xata;

import com.youtubechat.shared.config.ConfigReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the Xata (Postgres) database is. {@code XATA_DB_URL} may be a {@code postgresql://} /
 * {@code postgres://} URL, a {@code jdbc:postgresql://} URL, or the legacy Xata HTTPS form
 * {@code https://{workspace}.{region}.xata.sh/db/{db}[:{branch}]}, which is translated to Xata's
 * Postgres endpoint {@code {region}.sql.xata.sh:5432}, database {@code {db}:{branch}}, user
 * {@code {workspace}}, TLS required. {@code XATA_API_KEY}, when set, is the password.
 *
 * @param jdbcUrl the JDBC URL without credentials
 */
public record XataSettings(String jdbcUrl, Optional<String> user, Optional<String> password) {

  private static final Pattern LEGACY = Pattern.compile(
      "^https://([A-Za-z0-9-]+)\\.([a-z0-9-]+)\\.xata\\.sh/db/([A-Za-z0-9_~-]+)(?::([A-Za-z0-9_~-]+))?/?$");

  public static XataSettings read(ConfigReader config) {
    String url = config.required("XATA_DB_URL", "the Xata Postgres connection URL");
    Optional<String> apiKey = config.optional("XATA_API_KEY");
    if (url.isEmpty()) {
      return new XataSettings("", Optional.empty(), Optional.empty());
    }
    Optional<XataSettings> parsed = parse(url, apiKey);
    if (parsed.isEmpty()) {
      config.problem("XATA_DB_URL", "must be postgresql://user@host:port/db, jdbc:postgresql://host:port/db"
          + " or https://{workspace}.{region}.xata.sh/db/{db}[:{branch}]");
      return new XataSettings("", Optional.empty(), Optional.empty());
    }
    if (url.startsWith("https://") && apiKey.isEmpty()) {
      config.problem("XATA_API_KEY", "is not set (the password for the Xata database named by XATA_DB_URL)");
    }
    return parsed.get();
  }

  static Optional<XataSettings> parse(String url, Optional<String> apiKey) {
    Matcher legacy = LEGACY.matcher(url);
    if (legacy.matches()) {
      String branch = legacy.group(4) == null ? "main" : legacy.group(4);
      String database = URLEncoder.encode(legacy.group(3) + ":" + branch, StandardCharsets.UTF_8);
      return Optional.of(new XataSettings(
          "jdbc:postgresql://" + legacy.group(2) + ".sql.xata.sh:5432/" + database + "?sslmode=require",
          Optional.of(legacy.group(1)), apiKey));
    }
    String rest;
    if (url.startsWith("jdbc:postgresql://")) {
      rest = url.substring("jdbc:postgresql://".length());
    } else if (url.startsWith("postgresql://")) {
      rest = url.substring("postgresql://".length());
    } else if (url.startsWith("postgres://")) {
      rest = url.substring("postgres://".length());
    } else {
      return Optional.empty();
    }
    try {
      // Parse as a URI to split credentials from the address; pgjdbc gets them as properties.
      URI uri = new URI("postgresql://" + rest);
      if (uri.getHost() == null || uri.getRawPath() == null || uri.getRawPath().length() <= 1) {
        return Optional.empty();
      }
      Optional<String> user = Optional.empty();
      Optional<String> password = Optional.empty();
      if (uri.getRawUserInfo() != null) {
        String[] parts = uri.getRawUserInfo().split(":", 2);
        user = Optional.of(URLDecoder.decode(parts[0], StandardCharsets.UTF_8));
        if (parts.length > 1) {
          password = Optional.of(URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
      }
      Map<String, String> query = new LinkedHashMap<>();
      if (uri.getRawQuery() != null) {
        for (String pair : uri.getRawQuery().split("&")) {
          String[] kv = pair.split("=", 2);
          String key = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
          String value = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
          switch (key) {
            case "user" -> user = Optional.of(value);
            case "password" -> password = Optional.of(value);
            default -> query.put(kv[0], kv.length > 1 ? kv[1] : "");
          }
        }
      }
      StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
      if (uri.getPort() > 0) {
        jdbc.append(':').append(uri.getPort());
      }
      jdbc.append(uri.getRawPath());
      String separator = "?";
      for (var entry : query.entrySet()) {
        jdbc.append(separator).append(entry.getKey()).append('=').append(entry.getValue());
        separator = "&";
      }
      // XATA_API_KEY wins over a password in the URL, so the URL can be shared without it.
      return Optional.of(new XataSettings(jdbc.toString(), user, apiKey.isPresent() ? apiKey : password));
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return "XataSettings[" + jdbcUrl + ", user=" + user.orElse("(none)")
        + ", password=" + (password.isPresent() ? "set" : "unset") + "]";
  }
}
