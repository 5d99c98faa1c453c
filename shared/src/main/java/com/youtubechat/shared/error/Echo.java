package com.youtubechat.shared.error;

/**
 * Input quoted back in a message: at most {@value #MAX} characters (then an ellipsis), control
 * characters escaped as {@code \\uXXXX}. A message can then never be made huge, forge a log line
 * with a newline, or carry a NUL the database refuses, whatever the input held.
 */
public final class Echo {

  public static final int MAX = 80;

  private Echo() {}

  public static String of(String input) {
    if (input == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder();
    int end = Math.min(input.length(), MAX);
    for (int i = 0; i < end; i++) {
      char c = input.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return input.length() > MAX ? out.append('…').toString() : out.toString();
  }
}
