package com.youtubechat.shared.config;

import com.youtubechat.shared.error.ConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads configuration from environment variables and collects every problem instead of stopping
 * at the first, so one error at container init lists all missing or malformed variables. Problems
 * name the variable and what is wrong with it, never its value (values may be secrets).
 */
public final class ConfigReader {

  private final Map<String, String> env;
  private final List<String> problems = new ArrayList<>();

  public ConfigReader(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  public static ConfigReader fromSystemEnvironment() {
    return new ConfigReader(System.getenv());
  }

  /** The variable's value, or empty when it is unset or blank. */
  public Optional<String> optional(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  public String optional(String name, String defaultValue) {
    return optional(name).orElse(defaultValue);
  }

  /** The variable's value; when it is missing, records a problem and returns an empty string. */
  public String required(String name, String purpose) {
    return optional(name).orElseGet(() -> {
      problem(name, "is not set (" + purpose + ")");
      return "";
    });
  }

  public int integer(String name, int defaultValue, int min, int max) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(raw.get());
      if (value < min || value > max) {
        problem(name, "must be between " + min + " and " + max);
        return defaultValue;
      }
      return value;
    } catch (NumberFormatException e) {
      problem(name, "must be a whole number");
      return defaultValue;
    }
  }

  /** An absolute http(s) URL, without a trailing slash. */
  public URI httpUrl(String name, String defaultValue) {
    String raw = optional(name, defaultValue);
    try {
      URI uri = new URI(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        problem(name, "must be an absolute http:// or https:// URL");
        return URI.create(defaultValue);
      }
      return uri;
    } catch (URISyntaxException e) {
      problem(name, "is not a valid URL");
      return URI.create(defaultValue);
    }
  }

  public void problem(String name, String description) {
    problems.add(name + " " + description);
  }

  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** Throws one {@link ConfigurationException} listing every problem found so far, if any. */
  public void validate() {
    if (!problems.isEmpty()) {
      throw new ConfigurationException("Invalid configuration: " + String.join("; ", problems)
          + ". Set these environment variables (see the configuration table in README.md).");
    }
  }
}
