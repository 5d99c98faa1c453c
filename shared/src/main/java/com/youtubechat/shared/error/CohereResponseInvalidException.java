package com.youtubechat.shared.error;

/** Cohere answered an embed request with something other than one float vector per text. */
public class CohereResponseInvalidException extends PermanentException {

  public CohereResponseInvalidException(String message) {
    super(message);
  }

  public CohereResponseInvalidException(String message, Throwable cause) {
    super(message, cause);
  }
}
