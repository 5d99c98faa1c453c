package com.youtubechat.shared.error;

/** The video row named by the input does not exist in the database. */
public class VideoRecordNotFoundException extends PermanentException {

  public VideoRecordNotFoundException(String message) {
    super(message);
  }

  public VideoRecordNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
