package com.youtubechat.shared.error;

/**
 * Root of every failure the project reports. The Lambda runtime turns an uncaught exception's
 * fully-qualified class name into the Step Functions error name, so each subclass is part of the
 * state machine's contract: {@link TransientException} is retried within a minute or two, a
 * {@link CapacityException} (a service at its limit during a burst) for up to hours, and no
 * {@link PermanentException} is.
 */
public abstract sealed class YoutubeChatException extends RuntimeException
    permits TransientException, CapacityException, PermanentException {

  protected YoutubeChatException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Whether running the same step again later can succeed. */
  public abstract boolean retryable();
}
