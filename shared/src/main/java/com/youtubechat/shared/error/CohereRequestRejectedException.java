package com.youtubechat.shared.error;

/** Cohere refused an embed request for a reason retrying will not fix (HTTP 4xx); the message carries Cohere's own. */
public class CohereRequestRejectedException extends PermanentException {

  public CohereRequestRejectedException(String message) {
    super(message);
  }

  public CohereRequestRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
