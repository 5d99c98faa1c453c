package com.youtubechat.shared.error;

/** The YouTube Data API quota of the configured GOOGLE_API_KEY is used up for today. */
public class YoutubeQuotaExceededException extends PermanentException {

  public YoutubeQuotaExceededException(String message) {
    super(message);
  }

  public YoutubeQuotaExceededException(String message, Throwable cause) {
    super(message, cause);
  }
}
