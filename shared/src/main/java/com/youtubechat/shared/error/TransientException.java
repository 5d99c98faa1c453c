package com.youtubechat.shared.error;

/**
 * The one retryable failure type: HTTP 429 and 5xx, timeouts, connection resets, database
 * serialization failures and lost connections. The state machine retries it with backoff and
 * jitter; the message says which service failed and how.
 */
public final class TransientException extends YoutubeChatException {

  public TransientException(String message) {
    this(message, null);
  }

  public TransientException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
