package com.youtubechat.shared.error;

/**
 * A service is at its limit, not broken: the database has no connection slot free or cannot be
 * reached at all, Cohere's rate limit is used up, or YouTube throttles this IP for up to an hour.
 * That lasts as long as the burst or the throttle, so the state machine waits for it with a
 * patient retry policy (minutes to hours, full jitter) rather than the short one for
 * {@link TransientException}; the Lambda fails at once instead of sleeping, so the wait is free and
 * holds neither concurrency nor a connection. Each kind is its own subclass, named in the ASL.
 */
public abstract sealed class CapacityException extends YoutubeChatException
    permits DatabaseBusyException, DatabaseUnavailableException, CohereRateLimitedException,
        YoutubeThrottledException {

  protected CapacityException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public final boolean retryable() {
    return true;
  }
}
