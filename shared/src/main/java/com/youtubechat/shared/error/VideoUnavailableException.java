package com.youtubechat.shared.error;

/** YouTube does not serve this video: it is unknown, private or removed. */
public class VideoUnavailableException extends PermanentException {

  public VideoUnavailableException(String message) {
    super(message);
  }

  public VideoUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
