package com.youtubechat.shared.error;

/**
 * Root of every failure the project reports. The Lambda runtime turns an uncaught exception's
 * fully-qualified class name into the Step Functions error name, so each subclass is part of the
 * state machine's contract: {@link TransientException} is retried within a minute or two, a
 * {@link CapacityException} (a service at its limit during a burst) for up to hours, and no
 * {@link PermanentException} is.
 *
 * <p>Messages are bounded and clean by construction, whatever input or service answer they quote:
 * at most {@value #MAX_MESSAGE} characters with control characters escaped, and a cause with a
 * longer message is kept as a {@link BoundedCause}. The error document Step Functions receives as
 * the cause then stays well under its 32,768-character limit, and no message can forge a log line.
 */
public abstract sealed class YoutubeChatException extends RuntimeException
    permits TransientException, CapacityException, PermanentException {

  /** The longest message, in characters; longer ones are cut and say how long they were. */
  public static final int MAX_MESSAGE = 4_000;

  protected YoutubeChatException(String message, Throwable cause) {
    super(Echo.bounded(message, MAX_MESSAGE), BoundedCause.of(cause));
  }

  /** Whether running the same step again later can succeed. */
  public abstract boolean retryable();
}
