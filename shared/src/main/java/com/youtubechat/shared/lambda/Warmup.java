package com.youtubechat.shared.lambda;

import com.youtubechat.shared.json.Json;

/**
 * Side-effect-free warm-ups shared by the handlers' SnapStart priming: each loads and runs a code
 * path on canned data, and none sends a request, opens a connection or writes anything.
 */
public final class Warmup {

  private Warmup() {}

  /** Jackson: reads the sample into {@code type} and writes it back. */
  public static <T> T json(String sample, Class<T> type) {
    try {
      T value = Json.MAPPER.readValue(sample, type);
      Json.write(value);
      return value;
    } catch (java.io.IOException e) {
      throw new IllegalStateException("warm-up sample does not parse as " + type.getSimpleName(), e);
    }
  }

  /** Loads and initialises classes by name (e.g. the JDBC driver's), without using them. */
  public static void load(String... classNames) {
    for (String name : classNames) {
      try {
        Class.forName(name, true, Warmup.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("warm-up class missing: " + name, e);
      }
    }
  }
}
