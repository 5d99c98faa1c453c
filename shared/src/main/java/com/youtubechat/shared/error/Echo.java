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
    String escaped = escaped(input.length() > MAX ? input.substring(0, MAX) : input);
    return input.length() > MAX ? escaped + '…' : escaped;
  }

  /**
   * The text with its control characters escaped, cut to at most {@code max} characters (a cut
   * ends with an ellipsis and the text's whole length): for whole messages and log lines, which
   * quote input and other services' answers.
   */
  public static String bounded(String text, int max) {
    if (text == null) {
      return null;
    }
    String escaped = escaped(text.length() > max ? text.substring(0, max) : text);
    if (escaped.length() <= max && text.length() <= max) {
      return escaped;
    }
    String marker = "… (" + text.length() + " characters)";
    int keep = Math.max(0, max - marker.length()); // keep < max <= escaped.length() here
    if (keep > 0 && Character.isHighSurrogate(escaped.charAt(keep - 1))) {
      keep--; // never half of a surrogate pair
    }
    return escaped.substring(0, keep) + marker;
  }

  /** True when the text has a character that {@link #escaped} would escape. */
  public static boolean hasControlCharacters(String text) {
    return text.chars().anyMatch(Echo::isControl);
  }

  /**
   * C0 and C1 controls (NUL, newline, carriage return, ESC, NEL...), DEL, and the Unicode line and
   * paragraph separators, which log viewers and JavaScript also break lines at.
   */
  static boolean isControl(int c) {
    return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
  }

  private static String escaped(String text) {
    if (!hasControlCharacters(text)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isControl(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
