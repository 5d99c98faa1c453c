package com.youtubechat.cli;

/** One readable line for any failure, without the stack trace. */
public final class Failures {

  private Failures() {}

  public static String describe(Throwable failure) {
    return oneLine(message(failure));
  }

  private static String message(Throwable failure) {
    if (failure instanceof CommandFailure || failure instanceof com.youtubechat.shared.error.YoutubeChatException) {
      return failure.getMessage();
    }
    String text = failure.getMessage();
    return failure.getClass().getSimpleName() + (text == null || text.isBlank() ? "" : ": " + text);
  }

  static String oneLine(String text) {
    return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
