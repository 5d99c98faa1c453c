package com.youtubechat.shared.error;

/** The video has no caption tracks at all (captions turned off by the uploader, or a live stream). */
public class TranscriptsDisabledException extends PermanentException {

  public TranscriptsDisabledException(String message) {
    super(message);
  }

  public TranscriptsDisabledException(String message, Throwable cause) {
    super(message, cause);
  }
}
