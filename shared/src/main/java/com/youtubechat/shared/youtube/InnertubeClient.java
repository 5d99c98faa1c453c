package com.youtubechat.shared.youtube;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One innertube client identity the player request claims: the {@code context.client} fields and
 * the User-Agent that client's app sends. YouTube answers each client differently (which tracks are
 * gated, what is playable), so {@code YOUTUBE_CLIENTS} lists several to try in order.
 *
 * @param fields extra {@code context.client} fields besides name, version and {@code hl}
 */
public record InnertubeClient(String name, String version, Map<String, String> fields, Optional<String> userAgent) {

  /** The built-in order: ANDROID's tracks are clean for most videos, IOS's when ANDROID's are gated. */
  public static final String DEFAULT_CLIENTS = "ANDROID,IOS";

  public InnertubeClient {
    fields = Map.copyOf(fields);
  }

  /** A client this project knows the fields of, with its default version; empty for any other name. */
  public static Optional<InnertubeClient> known(String name) {
    return switch (name.strip().toUpperCase(Locale.ROOT)) {
      case "ANDROID" -> Optional.of(android("20.10.38"));
      case "IOS" -> Optional.of(ios("20.10.4"));
      default -> Optional.empty();
    };
  }

  /** The same client claiming another version (its User-Agent follows). */
  public InnertubeClient withVersion(String newVersion) {
    return switch (name) {
      case "ANDROID" -> android(newVersion);
      case "IOS" -> ios(newVersion);
      default -> new InnertubeClient(name, newVersion, fields, userAgent);
    };
  }

  private static InnertubeClient android(String version) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("androidSdkVersion", "30");
    fields.put("osName", "Android");
    fields.put("osVersion", "11");
    return new InnertubeClient("ANDROID", version, fields,
        Optional.of("com.google.android.youtube/" + version + " (Linux; U; Android 11) gzip"));
  }

  private static InnertubeClient ios(String version) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("deviceMake", "Apple");
    fields.put("deviceModel", "iPhone16,2");
    fields.put("osName", "iPhone");
    fields.put("osVersion", "18.3.2.22D82");
    return new InnertubeClient("IOS", version, fields,
        Optional.of("com.google.ios.youtube/" + version + " (iPhone16,2; U; CPU iOS 18_3_2 like Mac OS X;)"));
  }

  @Override
  public String toString() {
    return name + "/" + version;
  }
}
