package com.youtubechat.shared.error;

/** A YouTube response did not have the shape this client understands (YouTube changed, or a non-YouTube server answered). */
public class YoutubeResponseUnparsableException extends PermanentException {

  public YoutubeResponseUnparsableException(String message) {
    super(message);
  }

  public YoutubeResponseUnparsableException(String message, Throwable cause) {
    super(message, cause);
  }
}
