package com.youtubechat.shared.error;

/** YouTube (or its Data API) refused a request for a reason retrying will not fix. */
public class YoutubeRequestRejectedException extends PermanentException {

  public YoutubeRequestRejectedException(String message) {
    super(message);
  }

  public YoutubeRequestRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
