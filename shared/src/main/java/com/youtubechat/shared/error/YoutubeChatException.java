package com.youtubechat.shared.error;

/**
 * Root of every failure the project reports. The Lambda runtime turns an uncaught exception's
 * fully-qualified class name into the Step Functions error name, so each subclass is part of the
 * state machine's contract: {@link TransientException} is retried, every {@link PermanentException}
 * is not.
 */
public abstract sealed class YoutubeChatException extends RuntimeException
    permits TransientException, PermanentException {

  protected YoutubeChatException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Whether running the same step again later can succeed. */
  public abstract boolean retryable();
}
