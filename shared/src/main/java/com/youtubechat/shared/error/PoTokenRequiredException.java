package com.youtubechat.shared.error;

/** YouTube serves this video's captions only to clients that present a proof-of-origin (PO) token, which this client cannot mint. */
public class PoTokenRequiredException extends PermanentException {

  public PoTokenRequiredException(String message) {
    super(message);
  }

  public PoTokenRequiredException(String message, Throwable cause) {
    super(message, cause);
  }
}
