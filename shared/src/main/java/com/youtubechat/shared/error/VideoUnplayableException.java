package com.youtubechat.shared.error;

/** YouTube knows the video but will not play it here (members-only, region-blocked, paid, ...). */
public class VideoUnplayableException extends PermanentException {

  public VideoUnplayableException(String message) {
    super(message);
  }

  public VideoUnplayableException(String message, Throwable cause) {
    super(message, cause);
  }
}
