package com.youtubechat.shared.error;

/** YouTube serves this video only to signed-in adults, so its captions cannot be fetched anonymously. */
public class AgeRestrictedException extends PermanentException {

  public AgeRestrictedException(String message) {
    super(message);
  }

  public AgeRestrictedException(String message, Throwable cause) {
    super(message, cause);
  }
}
